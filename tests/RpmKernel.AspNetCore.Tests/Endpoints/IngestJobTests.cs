using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RpmKernel.AspNetCore.Tests.Support;
using RpmKernel.Core.History;
using RpmKernel.Testing;

namespace RpmKernel.AspNetCore.Tests.Endpoints;

public sealed class IngestJobTests
{
    [Fact]
    public async Task Ingest_answers_202_with_a_job_that_completes_and_only_its_tenant_can_read()
    {
        await using var server = await RpmTestServer.StartAsync();
        var acme = server.Client(TestKeys.AcmeAdmin);

        using var accepted = await acme.PostAsJsonAsync("users/alice/ingest", new { items = Items(TestHistories.Alice) });
        using var reader = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync("users/alice/ingest", new { items = Items(TestHistories.Alice) });
        using var empty = await acme.PostAsJsonAsync("users/alice/ingest", new { items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        var job = await JobPolling.UntilAsync(acme, jobId, JobPolling.Finished);
        using var otherTenant = await server.Client(TestKeys.GlobexAdmin).GetAsync($"jobs/{jobId}");
        using var explain = await acme.GetAsync("users/alice/explain");

        Assert.EndsWith($"/v1/jobs/{jobId}", accepted.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("alice", job.GetProperty("userId").GetString());
        Assert.Equal(TestHistories.Alice.Count, job.GetProperty("items").GetInt32());
        Assert.Empty(job.GetProperty("failed").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Contains($"\"itemCount\":{TestHistories.Alice.Count}", await explain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_server_stopped_mid_ingest_checkpoints_the_job_and_a_restarted_one_resumes_it_without_loss_or_repeated_calls()
    {
        await using var model = await FakeOpenAIServer.StartAsync();
        model.Latency = TimeSpan.FromMilliseconds(150);
        using var store = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Rpm:Ingest:BatchSize"] = "1", ["Rpm:Chat:MaxConcurrency"] = "1" };
        HistoryItem[] history = [.. TestHistories.Alice, .. TestHistories.Bob];

        string jobId;
        await using (var first = await RpmTestServer.StartAsync(settings, model, store))
        {
            var client = first.Client(TestKeys.AcmeAdmin);
            using var accepted = await client.PostAsJsonAsync("users/alice/ingest", new { items = Items(history) });
            jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
            var midway = await JobPolling.UntilAsync(client, jobId, j => JobPolling.Done(j, "extract-features") >= 2 || JobPolling.Finished(j));
            Assert.Equal("running", midway.GetProperty("status").GetString());
            await first.StopAsync();
        }

        var extractedBeforeRestart = ExtractCalls(model);
        Assert.InRange(extractedBeforeRestart, 2, history.Length - 1);
        await using var second = await RpmTestServer.StartAsync(settings, model, store);
        var resumedClient = second.Client(TestKeys.AcmeAdmin);
        var job = await JobPolling.UntilAsync(resumedClient, jobId, JobPolling.Finished);
        using var explain = await resumedClient.GetAsync("users/alice/explain");

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Empty(job.GetProperty("failed").EnumerateArray());
        Assert.Contains($"\"itemCount\":{history.Length}", await explain.Content.ReadAsStringAsync());

        // Every item's features were extracted once, plus at most the one call in flight when the first server stopped.
        Assert.InRange(ExtractCalls(model), history.Length, history.Length + 1);
    }

    [Fact]
    public async Task Servers_sharing_a_jobs_folder_run_a_job_in_one_at_a_time_and_a_live_one_takes_it_over_when_its_server_stops()
    {
        await using var model = await FakeOpenAIServer.StartAsync();
        model.Latency = TimeSpan.FromMilliseconds(250);
        using var store = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Rpm:Ingest:BatchSize"] = "1",
            ["Rpm:Chat:MaxConcurrency"] = "1",
            ["Rpm:Server:JobsRescanInterval"] = "00:00:00.100",
        };
        HistoryItem[] history = [.. TestHistories.Alice, .. TestHistories.Bob];

        var first = await RpmTestServer.StartAsync(settings, model, store);
        RpmTestServer? second = null;
        try
        {
            var client = first.Client(TestKeys.AcmeAdmin);
            using var accepted = await client.PostAsJsonAsync("users/alice/ingest", new { items = Items(history) });
            var jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
            await JobPolling.UntilAsync(client, jobId, j => JobPolling.Done(j, "extract-features") >= 2 || JobPolling.Finished(j));

            // The second server finds the job at its start (and at each rescan) while the first holds its claim, and leaves it.
            var logs = new CapturedLogs();
            second = await RpmTestServer.StartAsync(settings, model, store, logs: logs);
            var secondClient = second.Client(TestKeys.AcmeAdmin);
            await logs.UntilAsync($"Ingest job {jobId} is being run by another server");
            var whileFirstRuns = await JobPolling.GetAsync(secondClient, jobId);
            Assert.False(logs.Contains($"Resuming ingest job {jobId}"));
            Assert.Equal("running", whileFirstRuns.GetProperty("status").GetString());
            Assert.Equal(1, whileFirstRuns.GetProperty("attempts").GetInt32());

            await first.StopAsync();
            var extractedByFirst = ExtractCalls(model);
            var job = await JobPolling.UntilAsync(secondClient, jobId, JobPolling.Finished);
            using var explain = await secondClient.GetAsync("users/alice/explain");

            Assert.InRange(extractedByFirst, 2, history.Length - 1);
            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            Assert.Equal(2, job.GetProperty("attempts").GetInt32());
            Assert.True(logs.Contains($"Resuming ingest job {jobId}"));
            Assert.Empty(job.GetProperty("failed").EnumerateArray());
            Assert.Contains($"\"itemCount\":{history.Length}", await explain.Content.ReadAsStringAsync());

            // Run in one server at a time, each item's features were extracted once, plus at most the call in flight at the stop.
            Assert.InRange(ExtractCalls(model), history.Length, history.Length + 1);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public void A_job_claim_is_held_by_one_taker_at_a_time_and_its_lock_file_goes_once_the_job_ended()
    {
        using var folder = new TempDirectory();
        var store = new RpmKernel.AspNetCore.Jobs.IngestJobStore(folder.Path);
        var id = RpmKernel.AspNetCore.Jobs.IngestJobStore.NewId();
        var lockFile = System.IO.Path.Combine(folder.Path, id + ".lock");

        using (var held = store.TryClaim(id))
        {
            Assert.NotNull(held);
            Assert.Null(store.TryClaim(id));
        }

        var again = store.TryClaim(id);
        Assert.NotNull(again);
        Assert.True(File.Exists(lockFile));
        again.Finished();
        again.Dispose();

        Assert.False(File.Exists(lockFile));
        Assert.Throws<ArgumentException>(() => store.TryClaim("../" + id));
    }

    [Fact]
    public async Task A_damaged_job_file_is_logged_with_its_path_and_the_server_runs_the_other_jobs()
    {
        using var store = new TempDirectory();
        var damaged = System.IO.Path.Combine(store.Path, "jobs", RpmKernel.AspNetCore.Jobs.IngestJobStore.NewId() + ".json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(damaged)!);
        await File.WriteAllTextAsync(damaged, "{\"id\": \"half a jo");
        var logs = new CapturedLogs();

        await using var server = await RpmTestServer.StartAsync(store: store, logs: logs);
        var client = server.Client(TestKeys.AcmeAdmin);
        using var accepted = await client.PostAsJsonAsync("users/alice/ingest", new { items = Items(TestHistories.Alice) });
        var jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetString()!;
        var job = await JobPolling.UntilAsync(client, jobId, JobPolling.Finished);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.True(logs.Contains($"Ingest job file {damaged} cannot be read"));
        Assert.Equal("{\"id\": \"half a jo", await File.ReadAllTextAsync(damaged));
    }

    [Fact]
    public void A_look_for_unfinished_jobs_reads_an_ended_or_damaged_file_again_only_once_it_is_written_again()
    {
        using var folder = new TempDirectory();
        var store = new RpmKernel.AspNetCore.Jobs.IngestJobStore(folder.Path);
        var queued = Job(RpmKernel.AspNetCore.Jobs.IngestJobStatus.Queued);
        var ended = Job(RpmKernel.AspNetCore.Jobs.IngestJobStatus.Succeeded);
        store.Save(queued);
        store.Save(ended);
        var damagedId = RpmKernel.AspNetCore.Jobs.IngestJobStore.NewId();
        var damaged = System.IO.Path.Combine(folder.Path, damagedId + ".json");
        File.WriteAllText(damaged, "not json");
        var unreadable = new List<string>();

        var first = store.Unfinished((path, _) => unreadable.Add(path));
        var second = store.Unfinished((path, _) => unreadable.Add(path));

        // The ended job's file is damaged now but keeps its write time: a look that read it again would report it.
        var endedFile = System.IO.Path.Combine(folder.Path, ended.Id + ".json");
        var endedAt = File.GetLastWriteTimeUtc(endedFile);
        File.WriteAllText(endedFile, "not json");
        File.SetLastWriteTimeUtc(endedFile, endedAt);
        var third = store.Unfinished((path, _) => unreadable.Add(path));

        // Written again, the damaged file is read again: repaired, its job is found.
        store.Save(Job(RpmKernel.AspNetCore.Jobs.IngestJobStatus.Queued) with { Id = damagedId });
        File.SetLastWriteTimeUtc(damaged, File.GetLastWriteTimeUtc(damaged).AddSeconds(1));
        var repaired = store.Unfinished((path, _) => unreadable.Add(path));

        Assert.Equal([queued.Id], first.Select(j => j.Id));
        Assert.Equal([queued.Id], second.Select(j => j.Id));
        Assert.Equal([queued.Id], third.Select(j => j.Id));
        Assert.Equal([damaged], unreadable);
        Assert.Equal([queued.Id, damagedId], repaired.Select(j => j.Id));
    }

    private static RpmKernel.AspNetCore.Jobs.IngestJob Job(RpmKernel.AspNetCore.Jobs.IngestJobStatus status) => new()
    {
        Id = RpmKernel.AspNetCore.Jobs.IngestJobStore.NewId(),
        Tenant = "acme",
        UserId = "alice",
        StoredUserId = "acme:alice",
        Task = "lamp2",
        Items = [],
        ItemCount = 0,
        Status = status,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static int ExtractCalls(FakeOpenAIServer model) => model.ChatRequests.Count(r => r.IsStage("extracted_features"));

    private static object[] Items(IEnumerable<HistoryItem> items) => [.. items.Select(i => new { id = i.Id, query = i.Query, answer = i.Answer })];
}
