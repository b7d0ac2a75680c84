using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;
using RpmKernel.Storage.Records;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary><see cref="RpmPipeline.ReindexAsync"/> on a store other than SQLite: re-embedding with no chat calls, and a rebuild for a new embedding generator.</summary>
public sealed class ReindexTests
{
    [Fact]
    public async Task Reindex_on_the_in_memory_store_switches_embedding_generators_without_chat_calls()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Store.Provider = StoreProvider.InMemory);
        foreach (var user in new[] { "ann", "bea" })
        {
            await runtime.Pipeline.IngestAsync(user, "lamp2", SampleHistories.MovieTags(6));
        }

        host.Server.ClearRequests();

        var same = await runtime.Pipeline.ReindexAsync();

        Assert.Equal((2, 12, 64, false, "text-embedding-3-small"), (same.Users, same.Records, same.Dimensions, same.Rebuilt, same.EmbeddingModel));
        Assert.Empty(host.Server.ChatRequests);
        Assert.Contains(host.Server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));

        // Another generator, of another dimension, over the same in-memory store.
        var embeddings = new RandomEmbeddingGenerator(32);
        var vectorStore = runtime.Storage.VectorStore;

        // The host's store: the first runtime owns it, the switched one borrows it.
        using var switchedRuntime = RpmRuntime.Create(runtime.Options, new RpmHostServices { Embeddings = embeddings, ReasoningStore = vectorStore });
        var switched = switchedRuntime.Pipeline;
        host.Server.ClearRequests();

        var refused = await Assert.ThrowsAsync<RpmInputException>(() => switched.ReindexAsync("ann"));
        var rebuilt = await switched.ReindexAsync();

        Assert.Contains("without --user", refused.Message, StringComparison.Ordinal);
        Assert.Equal((2, 12, 32, true, "random-32"), (rebuilt.Users, rebuilt.Records, rebuilt.Dimensions, rebuilt.Rebuilt, rebuilt.EmbeddingModel));
        Assert.Equal([64], rebuilt.PreviousDimensions);
        Assert.Empty(host.Server.Requests);
        var stored = await new ReasoningCollectionAdmin(vectorStore).ReadAsync();
        Assert.Equal(12, stored.Count);
        Assert.All(stored, r => Assert.Equal((32, "random-32"), (r.EmbeddingDimensions, r.EmbeddingModel)));
        foreach (var record in stored)
        {
            // Each record's vector is now the new generator's embedding of its feature text.
            var found = await switchedRuntime.Storage.Reasoning.SearchAsync(record.UserId, record.Task, embeddings.Embed(record.FeatureText), top: 1);
            Assert.Equal(1, Assert.Single(found).Score, precision: 4);
        }

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => runtime.Storage.Reasoning.EnsureReadyAsync());
        var answer = await switched.PersonalizeAsync("ann", "lamp2", SampleHistories.MovieTags(8)[7].Query);
        Assert.NotEmpty(answer.Examples);
    }
}
