using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>A forget while another process ingests the same user wins (issue 12, finding 1a), with real processes.</summary>
public sealed class ConcurrentForgetTests
{
    [Fact]
    public async Task A_forget_while_another_process_ingests_the_user_stops_that_ingest_and_the_user_stays_forgotten()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Ingest__BatchSize"] = "1";
        cli.Environment["Rpm__Chat__MaxConcurrency"] = "1";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        using var stall = new ManualResetEventSlim();
        var reasoningCalls = 0;

        // The third reasoning call is held until the forget has run in this process.
        cli.Server.Respond(request =>
        {
            if (request.Body.Contains("\"reasoning_paths\"", StringComparison.Ordinal) && Interlocked.Increment(ref reasoningCalls) == 3)
            {
                stall.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        });
        CliResult? forget = null;
        var ingest = await cli.RunProcessAsync(["ingest", "--user", "kim", "--task", "lamp2", "--history", history], async process =>
        {
            while (Volatile.Read(ref reasoningCalls) < 3 && !process.HasExited)
            {
                await Task.Delay(20);
            }

            forget = await cli.RunAsync("forget", "--user", "kim", "--json");
            stall.Set();
        });

        Assert.Equal(0, forget!.ExitCode);
        // The forget ran mid-ingest: the stage calls made before the stall were cached for kim and are gone now.
        // (Records are not asserted: whether the first batch's write landed before the third reasoning call
        // is a race the ingest does not promise to win.)
        Assert.True((int)forget.Json["cacheEntries"]! >= 1, forget.ToString());
        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("User 'kim' was forgotten while this ingest of task 'lamp2' ran", ingest.Stderr, StringComparison.Ordinal);
        var explain = await cli.RunAsync("explain", "--user", "kim", "--task", "lamp2");
        Assert.Equal(2, explain.ExitCode);
        Assert.Contains("has no ingested history", explain.Stderr, StringComparison.Ordinal);
    }
}
