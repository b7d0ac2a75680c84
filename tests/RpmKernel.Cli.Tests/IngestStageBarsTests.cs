using RpmKernel.Cli.Output;
using RpmKernel.SemanticKernel.Pipeline;
using Spectre.Console;

namespace RpmKernel.Cli.Tests;

/// <summary>The stage bars of a single-user ingest: each clock starts once, and a finished stage keeps its final time.</summary>
public sealed class IngestStageBarsTests
{
    [Fact]
    public void A_bars_clock_starts_at_its_first_report_and_stops_when_the_stage_is_done()
    {
        var time = new ManualTime();
        var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
        var bars = new IngestStageBars(stage => tasks[stage] = new ProgressTask(tasks.Count, stage, 1, autoStart: false, time));

        bars.Report(new IngestProgress("extract-features", 0, 8));
        var started = tasks["extract-features"].StartTime;
        time.Advance(TimeSpan.FromSeconds(2));
        bars.Report(new IngestProgress("extract-features", 4, 8));
        time.Advance(TimeSpan.FromSeconds(1));
        bars.Report(new IngestProgress("extract-features", 8, 8));
        time.Advance(TimeSpan.FromSeconds(5));
        bars.Report(new IngestProgress("cluster-factors", 0, 1));
        bars.Complete();

        var extract = tasks["extract-features"];
        Assert.Equal(started, extract.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(3), extract.ElapsedTime);
        Assert.Equal(8, extract.Value);
        Assert.False(tasks["construct-reasoning"].IsStarted && tasks["construct-reasoning"].ElapsedTime > TimeSpan.Zero);
    }

    [Fact]
    public void A_stage_left_below_its_total_by_failed_items_stops_when_the_next_stage_starts()
    {
        var time = new ManualTime();
        var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
        var bars = new IngestStageBars(stage => tasks[stage] = new ProgressTask(tasks.Count, stage, 1, autoStart: false, time));

        bars.Report(new IngestProgress("extract-features", 0, 8));
        time.Advance(TimeSpan.FromSeconds(2));
        bars.Report(new IngestProgress("extract-features", 7, 8));
        time.Advance(TimeSpan.FromSeconds(1));
        bars.Report(new IngestProgress("cluster-factors", 0, 1));
        time.Advance(TimeSpan.FromSeconds(4));
        bars.Report(new IngestProgress("cluster-factors", 1, 1));
        time.Advance(TimeSpan.FromSeconds(10));
        bars.Complete();

        Assert.Equal(TimeSpan.FromSeconds(3), tasks["extract-features"].ElapsedTime);
        Assert.Equal(TimeSpan.FromSeconds(4), tasks["cluster-factors"].ElapsedTime);
        Assert.Equal(7, tasks["extract-features"].Value);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => _now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public void Advance(TimeSpan by)
        {
            _ticks += by.Ticks;
            _now += by;
        }
    }
}
