using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Issue 12, finding 2: a rebuild for a new embedding dimension while an ingest of a new user writes
/// (two runtimes on one SQLite file, as two processes): no record the ingest reported stored is lost.
/// </summary>
public sealed class ReindexDuringIngestTests
{
    [Fact]
    public async Task A_rebuild_during_an_ingest_keeps_every_record_the_ingest_stored()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var first = host.Runtime())
        {
            await first.Pipeline.IngestAsync("ann", "lamp2", SampleHistories.MovieTags(6));
        }

        host.Server.Latency = TimeSpan.FromMilliseconds(150);
        using var ingesting = host.Runtime(o => { o.Chat.MaxConcurrency = 1; o.Ingest.BatchSize = 2; });
        using var reindexing = RpmRuntime.Create(host.Options(), new RpmHostServices { Embeddings = new SlowEmbeddings(new RandomEmbeddingGenerator(32)) });
        var stored = 0;
        var firstBatch = new TaskCompletionSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == RpmStage.ConstructReasoning && p.Done > 0)
            {
                Volatile.Write(ref stored, Math.Max(Volatile.Read(ref stored), p.Done));
                firstBatch.TrySetResult();
            }
        });

        var ingest = Task.Run(() => ingesting.Pipeline.IngestAsync("cat", "lamp2", SampleHistories.MovieTags(16), progress: progress));
        await firstBatch.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var rebuilt = await reindexing.Pipeline.ReindexAsync();

        // Whatever happens to the writes after the rebuild, none the ingest counted as stored is dropped.
        await Record.ExceptionAsync(() => ingest);
        var records = await new ReasoningCollectionAdmin(reindexing.Storage.VectorStore).ReadAsync("cat");
        Assert.True(rebuilt.Rebuilt);
        Assert.True(Volatile.Read(ref stored) <= records.Count, $"the ingest reported {Volatile.Read(ref stored)} items stored, the store holds {records.Count}");
        Assert.Equal(6, (await reindexing.Storage.Reasoning.GetAllAsync("ann", "lamp2")).Count);
    }

    /// <summary>Makes the rebuild's embedding step take long enough for the ingest to try several writes.</summary>
    private sealed class SlowEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
            return await base.GenerateAsync(values, options, cancellationToken);
        }
    }
}
