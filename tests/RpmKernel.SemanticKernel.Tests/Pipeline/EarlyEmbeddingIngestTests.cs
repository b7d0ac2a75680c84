using System.Collections.Concurrent;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// The feature texts are embedded as soon as their features come back, while clustering and
/// reasoning wait on the model, so storing a batch only writes; each vector still lands on its record.
/// </summary>
public sealed class EarlyEmbeddingIngestTests
{
    private const int Dimensions = 64;

    [Fact]
    public async Task Every_feature_text_is_embedded_while_the_reasoning_requests_are_still_with_the_model()
    {
        await using var host = await RpmTestHost.StartAsync();
        var history = SampleHistories.MovieTags(6);
        var embeddings = new RecordingEmbeddingGenerator(Dimensions, signalAfter: history.Count);
        using var rpm = new ComposedPipeline(host, embeddings, concurrency: 4);

        // Each reasoning reply is held until every feature text is embedded (or a generous time
        // passes, so a pipeline that embeds only after the replies fails instead of hanging).
        var embeddedBeforeReply = new ConcurrentQueue<(bool Reached, int Texts)>();
        host.Server.Respond(request =>
        {
            if (request.IsStage("reasoning_paths"))
            {
                var reached = embeddings.Reached.Wait(TimeSpan.FromSeconds(10));
                embeddedBeforeReply.Enqueue((reached, embeddings.Embedded.Count));
            }

            return null;
        });

        var result = await rpm.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal(6, result.Items);
        Assert.Equal(2, embeddedBeforeReply.Count);
        Assert.All(embeddedBeforeReply, seen => Assert.Equal((true, 6), seen));

        // Storing did not embed again, and each record carries the vector of its own feature text.
        var records = await rpm.Runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(records.Select(r => r.FeatureText).Order(StringComparer.Ordinal), embeddings.Embedded.Order(StringComparer.Ordinal));
        await AssertEachRecordHoldsItsOwnVectorAsync(rpm.Runtime, embeddings, "alice");
    }

    [Fact]
    public async Task Reused_items_are_not_embedded_again_and_items_retried_one_by_one_keep_their_vectors()
    {
        await using var host = await RpmTestHost.StartAsync();
        var embeddings = new RecordingEmbeddingGenerator(Dimensions, signalAfter: int.MaxValue);
        using var rpm = new ComposedPipeline(host, embeddings, concurrency: 4);
        var history = SampleHistories.MovieTags(9);
        await rpm.Pipeline.IngestAsync("alice", "lamp2", history.Take(6).ToList());
        var firstRun = embeddings.Embedded.Count;

        // The wizard item's features never come back valid, so its batch is retried item by item:
        // its neighbours are embedded one at a time and stored together in one reasoning batch.
        host.Server.Respond(request =>
            request.IsStage("extracted_features") && request.Body.Contains("wizard", StringComparison.Ordinal) ? "{\"items\": {}}" : null);
        var result = await rpm.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal((6, 6, 2), (firstRun, result.Reused, result.Items));
        Assert.Equal("m8", Assert.Single(result.Failed).ItemId);
        var records = await rpm.Runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        var added = records.Where(r => r.ItemId is "m7" or "m9").Select(r => r.FeatureText);
        Assert.Equal(added.Order(StringComparer.Ordinal), embeddings.Embedded.Skip(firstRun).Order(StringComparer.Ordinal));
        await AssertEachRecordHoldsItsOwnVectorAsync(rpm.Runtime, embeddings, "alice");
    }

    [Fact]
    public async Task An_early_embedding_that_failed_is_computed_again_when_its_batch_is_stored()
    {
        await using var host = await RpmTestHost.StartAsync();
        var embeddings = new RecordingEmbeddingGenerator(Dimensions, signalAfter: int.MaxValue, failFirstCalls: 1);
        using var rpm = new ComposedPipeline(host, embeddings, concurrency: 1);

        var result = await rpm.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));

        Assert.Empty(result.Failed);
        Assert.Equal(6, result.Items);
        var records = await rpm.Runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(records.Select(r => r.FeatureText).Order(StringComparer.Ordinal), embeddings.Embedded.Order(StringComparer.Ordinal));
        await AssertEachRecordHoldsItsOwnVectorAsync(rpm.Runtime, embeddings, "alice");
    }

    // The pipeline of a runtime's kernel and stores (batches of 3), with the test's embedding generator.
    private sealed class ComposedPipeline : IDisposable
    {
        public ComposedPipeline(RpmTestHost host, RecordingEmbeddingGenerator embeddings, int concurrency)
        {
            var options = host.Options(o =>
            {
                o.Ingest.BatchSize = 3;
                o.Chat.MaxConcurrency = concurrency;
            });
            Runtime = RpmRuntime.Create(options, new RpmHostServices { Embeddings = embeddings });
        }

        public RpmRuntime Runtime { get; }

        public RpmPipeline Pipeline => Runtime.Pipeline;

        public void Dispose() => Runtime.Dispose();
    }

    private static async Task AssertEachRecordHoldsItsOwnVectorAsync(RpmRuntime runtime, RecordingEmbeddingGenerator embeddings, string userId)
    {
        var records = await runtime.Storage.Reasoning.GetAllAsync(userId, "lamp2");
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var best = (await runtime.Storage.Reasoning.SearchAsync(userId, "lamp2", embeddings.Embed(record.FeatureText), 1)).Single();
            Assert.Equal(record.FeatureText, best.Record.FeatureText);
            Assert.True(best.Score > 0.999, $"the record of '{record.ItemId}' holds another text's vector (cosine {best.Score})");
        }
    }
}
