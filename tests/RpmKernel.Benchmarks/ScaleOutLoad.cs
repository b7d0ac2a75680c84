using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The load side of the scale-out benchmark: a bounded generator (a fixed number of requests in flight) of
/// personalize calls spread round-robin over the server processes, each as one tenant's user with that
/// tenant's key, and the replay of the model calls they caused straight against the model server (the floor).
/// </summary>
internal static class ScaleOutLoad
{
    /// <summary>One tenant's user of the benchmark: its key, and the prefix every item id of its history has.</summary>
    public sealed record Caller(string Tenant, string Key, string UserId)
    {
        public string ItemPrefix => $"{Tenant}.{UserId}.m";
    }

    /// <summary>One personalize call as the generator saw it.</summary>
    /// <param name="Status">The HTTP status code.</param>
    /// <param name="Milliseconds">End to end, from sending to the last byte of the body.</param>
    /// <param name="Examples">The retrieved examples' item ids.</param>
    /// <param name="Foreign">Examples whose item id is not of the caller's tenant and user.</param>
    public sealed record Call(int Status, double Milliseconds, int Examples, int Foreign);

    /// <summary>A client for loopback with Nagle's algorithm off on every connection.</summary>
    public static HttpClient NoDelayClient() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Sends <paramref name="requests"/> personalize calls, <paramref name="inFlight"/> at a time, round-robin over <paramref name="servers"/>.</summary>
    /// <returns>The calls and the wall time of the whole run in seconds.</returns>
    public static async Task<(IReadOnlyList<Call> Calls, double Seconds)> RunAsync(
        HttpClient client, IReadOnlyList<Uri> servers, IReadOnlyList<Caller> callers, int requests, int inFlight, string runName, CancellationToken cancellationToken)
    {
        var calls = new Call[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var server = servers[i % servers.Count];
                var caller = callers[i / servers.Count % callers.Count];
                var query = $"{SyntheticHistory.Description(new Random(i))} ({runName}, request {i})";
                calls[i] = await PersonalizeAsync(client, server, caller, query, cancellationToken);
            }
        });
        await Task.WhenAll(workers);
        return (calls, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Each caller's key asking every server for another tenant's user in the store's own spelling
    /// (<c>&lt;tenant&gt;:&lt;user&gt;</c>); any example in an answer is another tenant's data.
    /// </summary>
    public static async Task<IReadOnlyList<Call>> ProbeAsync(HttpClient client, IReadOnlyList<Uri> servers, IReadOnlyList<Caller> callers, CancellationToken cancellationToken)
    {
        var calls = new List<Call>();
        foreach (var server in servers)
        {
            foreach (var caller in callers)
            {
                var victim = callers.First(c => c.Tenant != caller.Tenant && c.UserId == caller.UserId);
                var probe = caller with { UserId = $"{victim.Tenant}:{victim.UserId}" };
                calls.Add(await PersonalizeAsync(client, server, probe, $"{SyntheticHistory.Description(new Random(calls.Count))} (probe)", cancellationToken));
            }
        }

        return calls;
    }

    /// <summary>
    /// Replays <paramref name="recorded"/> (the model calls of <paramref name="chains"/> personalize calls) against the
    /// model server: the chat and embedding calls dealt out evenly into <paramref name="chains"/> chains, each chain's
    /// calls one after the other, <paramref name="inFlight"/> chains at a time.
    /// </summary>
    /// <returns>Each chain's wall time in milliseconds.</returns>
    public static async Task<IReadOnlyList<double>> ReplayAsync(
        HttpClient client, Uri modelServer, IReadOnlyList<RecordedRequest> recorded, int chains, int inFlight, CancellationToken cancellationToken)
    {
        var dealt = Enumerable.Range(0, chains).Select(_ => new List<RecordedRequest>()).ToArray();
        var chat = recorded.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        var other = recorded.Where(r => !r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < chat.Count; i++)
        {
            dealt[i % chains].Add(chat[i]);
        }

        for (var i = 0; i < other.Count; i++)
        {
            dealt[i % chains].Add(other[i]);
        }

        var times = new double[chains];
        var next = -1;
        var workers = Enumerable.Range(0, inFlight).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < chains)
            {
                var clock = Stopwatch.StartNew();
                foreach (var call in dealt[i])
                {
                    using var content = new StringContent(call.Body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(new Uri(modelServer, call.Path.TrimStart('/')), content, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    _ = await response.Content.ReadAsStringAsync(cancellationToken);
                }

                times[i] = clock.Elapsed.TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        return times;
    }

    private static async Task<Call> PersonalizeAsync(HttpClient client, Uri server, Caller caller, string query, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { query, task = "lamp2" });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"v1/users/{Uri.EscapeDataString(caller.UserId)}/personalize"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Key);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return new Call((int)response.StatusCode, elapsed, 0, 0);
        }

        using var json = JsonDocument.Parse(text);
        var examples = 0;
        var foreign = 0;
        if (json.RootElement.TryGetProperty("examples", out var list))
        {
            foreach (var example in list.EnumerateArray())
            {
                examples++;
                if (example.GetProperty("itemId").GetString()?.StartsWith(caller.ItemPrefix, StringComparison.Ordinal) != true)
                {
                    foreign++;
                }
            }
        }

        return new Call((int)response.StatusCode, elapsed, examples, foreign);
    }
}
