using RpmKernel.Cli.Output;
using RpmKernel.Evaluation.Running;
using Spectre.Console;

namespace RpmKernel.Cli.Tests;

/// <summary>
/// Redirected <c>rpmk eval</c> progress: at most a line a second, the start of each step after the users always, and the
/// last report at the end; on a terminal, a second bar for those steps.
/// </summary>
public sealed class EvalProgressLinesTests
{
    [Fact]
    public void Lines_are_throttled_but_show_the_scoring_and_end_with_the_totals()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var lines = new EvalProgressLines(writer, time);

        lines.Report(new EvalProgress(0, 2, 0, 0, 0) { Activity = "user 1: extract-features 0/4", UsersProgress = 0 });
        lines.Report(new EvalProgress(0, 2, 0, 0, 0) { Activity = "user 1: extract-features 4/4", UsersProgress = 0.2 });
        time.Advance(TimeSpan.FromSeconds(1));
        lines.Report(new EvalProgress(0, 2, 1, 0, 0) { Activity = "user 1: rpm 1/1", UsersProgress = 0.9 });
        lines.Report(new EvalProgress(1, 2, 1, 0, 0) { UsersProgress = 1 });
        lines.Report(new EvalProgress(1, 2, 2, 0, 0) { Activity = "user 2: zero-shot 1/1", UsersProgress = 1.5 });
        lines.Report(new EvalProgress(2, 2, 2, 0, 0) { UsersProgress = 2 });
        lines.Report(new EvalProgress(2, 2, 2, 0, 0) { Activity = "scoring zero-shot (1/2)", UsersProgress = 2 });
        lines.Report(new EvalProgress(2, 2, 2, 0, 0) { Activity = "scoring rpm (2/2)", UsersProgress = 2 });
        lines.Report(new EvalProgress(2, 2, 2, 0, 0) { UsersProgress = 2 });
        lines.Complete();

        Assert.Equal(
        [
            "eval: 0/2 users, 0 predictions, 0 failed, 0 already done; user 1: extract-features 0/4",
            "eval: 0/2 users, 1 predictions, 0 failed, 0 already done; user 1: rpm 1/1",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done; scoring zero-shot (1/2)",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done",
        ], writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Without_a_known_total_the_last_report_is_still_written()
    {
        using var writer = new StringWriter();
        var lines = new EvalProgressLines(writer, new ManualTime());

        lines.Report(new EvalProgress(1, null, 1, 0, 0));
        lines.Report(new EvalProgress(2, null, 2, 0, 0));
        lines.Report(new EvalProgress(3, null, 3, 1, 0));
        lines.Complete();

        Assert.Equal(["eval: 1 users, 1 predictions, 0 failed, 0 already done", "eval: 3 users, 3 predictions, 1 failed, 0 already done"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_long_step_after_the_users_starts_a_line_at_once_and_moves_once_a_second()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var lines = new EvalProgressLines(writer, time);
        var done = new EvalProgress(2, 2, 2, 0, 0) { UsersProgress = 2 };

        lines.Report(done);
        lines.Report(done with { Activity = "comparing generate v1 → v2, rpm (1/1): accuracy bootstrap 0/10000", PhaseProgress = 0 });
        time.Advance(TimeSpan.FromMilliseconds(600));
        lines.Report(done with { Activity = "comparing generate v1 → v2, rpm (1/1): accuracy bootstrap 5000/10000", PhaseProgress = 0.25 });
        time.Advance(TimeSpan.FromMilliseconds(600));
        lines.Report(done with { Activity = "comparing generate v1 → v2, rpm (1/1): accuracy permutation test 500/10000", PhaseProgress = 0.52 });
        lines.Report(done with { Activity = "gate: rpm accuracy (1/1): bootstrap 0/10000", PhaseProgress = 0 });
        lines.Report(done with { Activity = "gate: rpm accuracy (1/1): bootstrap 500/10000", PhaseProgress = 0.05 });
        lines.Report(done);
        lines.Complete();

        Assert.Equal(
        [
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done; comparing generate v1 → v2, rpm (1/1): accuracy bootstrap 0/10000",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done; comparing generate v1 → v2, rpm (1/1): accuracy permutation test 500/10000",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done; gate: rpm accuracy (1/1): bootstrap 0/10000",
            "eval: 2/2 users, 2 predictions, 0 failed, 0 already done",
        ], writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void On_a_terminal_a_step_after_the_users_gets_a_bar_of_its_own()
    {
        var users = new ProgressTask(1, "users", 1);
        var added = new List<ProgressTask>();
        var bar = new EvalProgressBar.BarProgress(users, () =>
        {
            var task = new ProgressTask(2 + added.Count, "step", 1);
            added.Add(task);
            return task;
        });

        bar.Report(new EvalProgress(0, null, 0, 0, 0) { Activity = "counting the users of q.json" });
        bar.Report(new EvalProgress(1, 4, 1, 0, 0) { UsersProgress = 1.5 });
        Assert.Empty(added);
        bar.Report(new EvalProgress(4, 4, 4, 0, 0) { UsersProgress = 4, Activity = "comparing generate v1 → v2, rpm (1/1): accuracy bootstrap 5000/10000", PhaseProgress = 0.25 });
        bar.Report(new EvalProgress(4, 4, 4, 0, 0) { UsersProgress = 4, Activity = "comparing generate v1 → v2, rpm (1/1): f1 bootstrap 0/10000", PhaseProgress = 0.5 });
        var step = Assert.Single(added);
        Assert.Equal((4.0, 4.0), (users.Value, users.MaxValue));
        Assert.Equal(0.5, step.Value);
        Assert.Contains("f1 bootstrap 0/10000", step.Description, StringComparison.Ordinal);
        Assert.Equal("eval: 4/4 users, 4 predictions, 0 failed, 0 already done", users.Description);

        bar.Complete();
        Assert.Equal(1.0, step.Value);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
