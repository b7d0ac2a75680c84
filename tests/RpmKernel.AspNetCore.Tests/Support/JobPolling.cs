using System.Text.Json;

namespace RpmKernel.AspNetCore.Tests.Support;

/// <summary>Reads an ingest job over HTTP until a condition holds.</summary>
internal static class JobPolling
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string jobId)
    {
        using var response = await client.GetAsync($"jobs/{jobId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="done"/> holds; the limit guards against a hang and is not a timing assertion.</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string jobId, Func<JsonElement, bool> done)
    {
        for (var waited = 0; waited < 120_000; waited += 25)
        {
            var job = await GetAsync(client, jobId);
            if (done(job))
            {
                return job;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Job {jobId} never reached the expected state.");
    }

    public static bool Finished(JsonElement job) => job.GetProperty("status").GetString() is "succeeded" or "failed";

    public static int Done(JsonElement job, string stage) =>
        job.GetProperty("progress").EnumerateArray().Where(p => p.GetProperty("stage").GetString() == stage).Select(p => p.GetProperty("done").GetInt32()).FirstOrDefault();
}
