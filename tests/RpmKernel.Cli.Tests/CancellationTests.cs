using System.Diagnostics;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary>Ctrl+C (the cancellation token of <see cref="CliApp.RunAsync"/>) ends a command with exit code 130.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_personalize_exits_130_with_one_line()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "hank", "--task", "lamp2", "--history", history)).ExitCode);
        cli.Server.Latency = TimeSpan.FromSeconds(30);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await cli.RunAsync(["personalize", "--user", "hank", "--task", "lamp2", "--query", Histories.NewMovie], cancel.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("error: Cancelled.", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_ingest_exits_130_and_stores_nothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        cli.Server.Latency = TimeSpan.FromSeconds(30);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await cli.RunAsync(["ingest", "--user", "hank", "--task", "lamp2", "--history", history, "--json"], cancel.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("", result.Stdout);

        // Before the error, stderr has only the progress lines of an ingest.
        Assert.StartsWith("{\"error\":\"Cancelled.\",\"code\":\"cancelled\"", Assert.Single(result.StderrLines, l => !l.StartsWith("extract-features ", StringComparison.Ordinal)), StringComparison.Ordinal);

        cli.Server.Latency = TimeSpan.Zero;
        Assert.Equal(2, (await cli.RunAsync("explain", "--user", "hank", "--task", "lamp2")).ExitCode);
    }

    [Fact]
    public async Task Ctrl_C_in_a_real_process_exits_130()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGINT cannot be sent to another console process on Windows; the token tests above cover the logic.
        }

        await using var cli = await CliHarness.StartAsync();
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        cli.Server.Latency = TimeSpan.FromSeconds(30);

        var result = await cli.RunProcessAsync(["ingest", "--user", "ivy", "--task", "lamp2", "--history", history], async process =>
        {
            // Interrupt only once the process is waiting on the model, the moment a user would press Ctrl+C.
            while (cli.Server.ChatRequests.Count == 0 && !process.HasExited)
            {
                await Task.Delay(50);
            }

            using var kill = Process.Start("kill", ["-s", "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        });

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.StartsWith("error: Cancelled.", Assert.Single(result.StderrLines, l => !l.StartsWith("extract-features ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
