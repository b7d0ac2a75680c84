using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Redirected <c>rpmk eval</c> progress knows its total without <c>--users</c> (the users are counted first), and
/// the steps after the users (a comparison's resampling, the gate's bootstrap) have lines of their own.
/// </summary>
public sealed class EvalStepProgressTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "RpmKernel.Evaluation.Tests", "Fixtures", name);

    private static string[] Lamp2(string output, params string[] more) =>
        ["eval", "--task", "lamp2", "--questions", Fixture("lamp2_questions.json"), "--outputs", Fixture("lamp2_outputs.json"), "--out", output, .. more];

    [Fact]
    public async Task Without_users_the_lines_count_the_users_first_and_then_show_the_total()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(Lamp2(cli.Directory.File("eval"), "--methods", "zero-shot"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("eval: 0 users, 0 predictions, 0 failed, 0 already done; counting the users of lamp2_questions.json", result.StderrLines[0]);
        Assert.All(result.StderrLines.Skip(1), l => Assert.Matches(@"^eval: \d/3 users, ", l));
        Assert.Equal("eval: 3/3 users, 3 predictions, 0 failed, 0 already done", result.StderrLines[^1]);
    }

    [Fact]
    public async Task A_comparison_shows_its_resampling_and_ends_with_the_totals()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync(Lamp2(cli.Directory.File("eval"), "--users", "2", "--compare", "generate=v1,v2", "--resamples", "1200"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("eval: 2/2 users, 2 predictions, 0 failed, 0 already done; comparing generate v1 → v2, rpm (1/1): accuracy bootstrap 0/1200", result.StderrLines);
        Assert.Equal("eval: 2/2 users, 2 predictions, 0 failed, 0 already done", result.StderrLines[^1]);
    }

    [Fact]
    public async Task The_gate_shows_its_bootstrap_and_ends_with_the_totals()
    {
        await using var cli = await CliHarness.StartAsync();
        var baseline = cli.Directory.File("baseline");
        Assert.Equal(0, (await cli.RunAsync(Lamp2(baseline, "--methods", "zero-shot"))).ExitCode);

        var result = await cli.RunAsync(Lamp2(cli.Directory.File("change"), "--methods", "zero-shot", "--resamples", "700",
            "--gate", Path.Combine(baseline, "report.json"), "--max-drop", "accuracy=0.5"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("eval: 3/3 users, 3 predictions, 0 failed, 0 already done; gate: zero-shot accuracy (1/1): bootstrap 0/700", result.StderrLines);
        Assert.Equal("eval: 3/3 users, 3 predictions, 0 failed, 0 already done", result.StderrLines[^1]);
    }
}
