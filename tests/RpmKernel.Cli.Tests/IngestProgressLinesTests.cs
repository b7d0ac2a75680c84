using RpmKernel.Cli.Output;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Cli.Tests;

/// <summary>The plain progress lines are throttled per stage but always end each stage with its last count.</summary>
public sealed class IngestProgressLinesTests
{
    [Fact]
    public void Within_a_second_only_the_first_count_and_each_stage_last_count_are_written()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var lines = new IngestProgressLines(writer, time);

        lines.Report(new IngestProgress("extract-features", 0, 40));
        lines.Report(new IngestProgress("extract-features", 8, 40));
        lines.Report(new IngestProgress("extract-features", 16, 40));
        time.Advance(TimeSpan.FromSeconds(1));
        lines.Report(new IngestProgress("extract-features", 24, 40));
        lines.Report(new IngestProgress("extract-features", 32, 40));
        lines.Report(new IngestProgress("extract-features", 36, 40));
        lines.Report(new IngestProgress("cluster-factors", 0, 1));
        lines.Report(new IngestProgress("cluster-factors", 1, 1));
        lines.Report(new IngestProgress("construct-reasoning", 0, 36));
        lines.Report(new IngestProgress("construct-reasoning", 12, 36));
        lines.Complete();

        Assert.Equal(
            ["extract-features 0/40", "extract-features 24/40", "extract-features 36/40", "cluster-factors 0/1", "cluster-factors 1/1",
                "construct-reasoning 0/36", "construct-reasoning 12/36"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_count_heard_twice_is_written_once()
    {
        using var writer = new StringWriter();
        var lines = new IngestProgressLines(writer, new ManualTime());

        lines.Report(new IngestProgress("construct-reasoning", 6, 6));
        lines.Report(new IngestProgress("construct-reasoning", 6, 6));
        lines.Complete();

        Assert.Equal("construct-reasoning 6/6" + Environment.NewLine, writer.ToString());
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
