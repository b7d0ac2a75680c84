using RpmKernel.Cli.Output;
using RpmKernel.Evaluation.Running;

namespace RpmKernel.Cli.Tests;

/// <summary>Redirected <c>rpmk eval</c> progress: at most a line a second, the start of the scoring always, and the last report at the end.</summary>
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

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
