using System.Diagnostics;
using System.Text;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The floor of a call's model requests: the chat requests the product sent, replayed one after the
/// other from a warm plain <see cref="HttpClient"/> to the same in-process server, timed beyond the
/// server's own handling. What is left is the loopback HTTP round trips (client and Kestrel), so a
/// call's model-call time above it is the product's plumbing (rendering, Semantic Kernel, the connector).
/// A <c>before</c> step (given the group's index) runs untimed ahead of each call's group of requests, so
/// they can be sent in the conditions the call's own were (right after a local embedding, whose model
/// weights have pushed the client's and the server's code and data out of the CPU caches).
/// </summary>
internal static class ModelCallReplay
{
    /// <summary>Per group of <paramref name="requestsPerCall"/> requests: milliseconds beyond the server's handling, and bytes allocated (client and server).</summary>
    public static async Task<(List<double> Ms, double BytesPerCall)> MeasureAsync(
        FakeOpenAIServer server, IReadOnlyList<RecordedRequest> requests, int requestsPerCall, Func<int, Task>? before, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        // Warm the connection and the server's paths once, unmeasured.
        await SendAsync(client, requests[0], cancellationToken);

        var times = new List<double>();
        long allocated = 0;
        for (var start = 0; start + requestsPerCall <= requests.Count; start += requestsPerCall)
        {
            if (before is not null)
            {
                await before(start / requestsPerCall);
            }

            var handlingBefore = server.HandlingTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var clock = Stopwatch.StartNew();
            for (var i = start; i < start + requestsPerCall; i++)
            {
                await SendAsync(client, requests[i], cancellationToken);
            }

            clock.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            times.Add(clock.Elapsed.TotalMilliseconds - (server.HandlingTime - handlingBefore).TotalMilliseconds);
        }

        return (times, times.Count == 0 ? 0 : allocated / (double)times.Count);
    }

    private static async Task SendAsync(HttpClient client, RecordedRequest request, CancellationToken cancellationToken)
    {
        using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(request.Path.TrimStart('/'), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
