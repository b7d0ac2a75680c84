using System.Collections.Concurrent;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class IngestProgressTests
{
    private static readonly string[] s_stages = [RpmStage.ExtractFeatures, RpmStage.ClusterFactors, RpmStage.ConstructReasoning];

    [Fact]
    public async Task Each_stage_is_reported_batch_by_batch_up_to_its_total_and_never_goes_back()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);
        var progress = new RecordingProgress();

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(20), rebuild: false, progress);

        Assert.Equal(20, ingest.Items);
        var reports = progress.Reports;

        // The stages run one after another, each reported from the start.
        Assert.Equal(s_stages, reports.Select(r => r.Stage).Distinct());
        Assert.Equal(new IngestProgress(RpmStage.ExtractFeatures, 0, 20), reports[0]);
        Assert.Equal(
            [new IngestProgress(RpmStage.ClusterFactors, 0, 1), new IngestProgress(RpmStage.ClusterFactors, 1, 1)],
            reports.Where(r => r.Stage == RpmStage.ClusterFactors));
        foreach (var stage in new[] { RpmStage.ExtractFeatures, RpmStage.ConstructReasoning })
        {
            var done = reports.Where(r => r.Stage == stage).Select(r => r.Done).ToList();
            Assert.All(reports.Where(r => r.Stage == stage), r => Assert.Equal(20, r.Total));
            Assert.Equal(done.Order(), done);
            Assert.Equal(done.Distinct(), done);
            Assert.Equal(20, done[^1]);

            // Counts move a whole batch at a time.
            Assert.All(done, d => Assert.Equal(0, d % 4));
        }
    }

    [Fact]
    public async Task Reused_items_of_a_rerun_are_reported_done_at_once()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 4);
        var history = SampleHistories.MovieTags(24);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(20).ToList());

        var unchanged = new RecordingProgress();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(20).ToList(), rebuild: false, unchanged);
        var grown = new RecordingProgress();
        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", history, rebuild: false, grown);

        Assert.Equal(
            [
                new IngestProgress(RpmStage.ExtractFeatures, 20, 20),
                new IngestProgress(RpmStage.ClusterFactors, 0, 1),
                new IngestProgress(RpmStage.ClusterFactors, 1, 1),
                new IngestProgress(RpmStage.ConstructReasoning, 20, 20),
            ],
            unchanged.Reports);
        Assert.Equal((4, 20), (ingest.Items, ingest.Reused));
        Assert.Equal(
            [(RpmStage.ExtractFeatures, 20, 24), (RpmStage.ExtractFeatures, 24, 24)],
            grown.Reports.Where(r => r.Stage == RpmStage.ExtractFeatures).Select(r => (r.Stage, r.Done, r.Total)));
        Assert.Equal(
            [(RpmStage.ConstructReasoning, 20, 24), (RpmStage.ConstructReasoning, 24, 24)],
            grown.Reports.Where(r => r.Stage == RpmStage.ConstructReasoning).Select(r => (r.Stage, r.Done, r.Total)));
    }

    /// <summary>Keeps every report in the order it was made (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class RecordingProgress : IProgress<IngestProgress>
    {
        private readonly ConcurrentQueue<IngestProgress> _reports = new();

        public IReadOnlyList<IngestProgress> Reports => [.. _reports];

        public void Report(IngestProgress value) => _reports.Enqueue(value);
    }
}
