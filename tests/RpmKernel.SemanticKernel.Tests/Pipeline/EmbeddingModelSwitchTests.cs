using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Switching to another embedding model of the same dimension: no store can tell the two models'
/// vectors apart by length, so the pipeline refuses to search or extend a user's records with the
/// other model (before any chat call is paid for) until <c>reindex</c> re-embeds them.
/// </summary>
public sealed class EmbeddingModelSwitchTests
{
    private const string Small = "text-embedding-3-small";
    private const string Large = "text-embedding-3-large";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.InMemory)]
    public async Task Another_model_of_the_same_dimension_is_refused_for_a_users_records_until_a_reindex_re_embeds_them(StoreProvider store)
    {
        await using var host = await RpmTestHost.StartAsync();
        using var built = host.Runtime(o => o.Store.Provider = store);
        await built.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));

        // The same store and 64 dimensions, another model (the InMemory store is shared as a host's store).
        using var switched = store == StoreProvider.InMemory
            ? RpmRuntime.Create(host.Options(o => { o.Store.Provider = store; o.Embeddings.Model = Large; }), new RpmHostServices { ReasoningStore = built.Storage.VectorStore })
            : host.Runtime(o => o.Embeddings.Model = Large);
        host.Server.ClearRequests();
        var query = SampleHistories.MovieTags(8)[7].Query;

        var personalize = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => switched.Pipeline.PersonalizeAsync("alice", "lamp2", query));
        Assert.Contains($"embedded with embedding model '{Small}', but the configured embedding model is '{Large}'", personalize.Message, StringComparison.Ordinal);
        Assert.Contains("rpmk reindex", personalize.Message, StringComparison.Ordinal);
        Assert.Contains($"Rpm:Embeddings:Model back to '{Small}'", personalize.Message, StringComparison.Ordinal);
        Assert.Empty(host.StageRequests("personalized_answer"));

        host.Server.ClearRequests();
        var ingest = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => switched.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(8)));
        var observe = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => switched.Pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), query, "sci-fi"));
        Assert.Equal((Small, Large), (ingest.StoredModel, ingest.ConfiguredModel));
        Assert.Equal(("alice", "lamp2"), (observe.UserId, observe.Task));
        Assert.Empty(host.Server.ChatRequests);
        var kept = await built.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(6, kept.Count);
        Assert.All(kept, r => Assert.Equal(Small, r.EmbeddingModel));

        // Per user: a user with no records yet is embedded with the configured model.
        await switched.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(3));

        var reindexed = await switched.Pipeline.ReindexAsync("alice");
        var answer = await switched.Pipeline.PersonalizeAsync("alice", "lamp2", query);

        Assert.Equal((6, Large, false), (reindexed.Records, reindexed.EmbeddingModel, reindexed.Rebuilt));
        Assert.NotEmpty(answer.Examples);
        // The old model is now the other one for alice's records.
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => built.Pipeline.PersonalizeAsync("alice", "lamp2", query));
    }
}
