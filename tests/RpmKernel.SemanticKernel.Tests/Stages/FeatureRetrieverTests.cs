using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage.Sqlite;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Stages;

public sealed class FeatureRetrieverTests
{
    private static readonly WordEmbeddingGenerator Embeddings = new("space", "aliens", "romance", "wedding", "heist", "bank", "query");

    [Fact]
    public async Task The_records_nearest_by_feature_text_win_and_other_users_never_appear()
    {
        using var dir = new TempDirectory();
        using var storage = SqliteStores.Open(dir.File("rpm.db"), Embeddings.Dimensions);
        await storage.EnsureReadyAsync();
        await StoreAsync(storage, "alice", "a-space", "space: aliens");
        await StoreAsync(storage, "alice", "a-romance", "romance: wedding");
        await StoreAsync(storage, "alice", "a-heist", "heist: bank");
        await StoreAsync(storage, "alice", "a-mixed", "space: wedding");

        // Another user holds the exact feature text; the query's own raw words would match a third record.
        await StoreAsync(storage, "mallory", "m-space", "space: aliens", query: "query query query");
        var retriever = new FeatureRetriever(storage.Reasoning, Embeddings);

        var results = await retriever.RetrieveAsync("alice", "lamp2", "space: aliens", top: 3);

        Assert.Equal(["a-space", "a-mixed"], results.Take(2).Select(r => r.Record.ItemId));
        Assert.Equal(1.0, results[0].Score, 5);
        Assert.Equal(0.5, results[1].Score, 5);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("alice", r.Record.UserId));
        Assert.DoesNotContain(results, r => r.Record.ItemId.StartsWith("m-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retrieval_is_scoped_to_the_task_as_well_as_the_user()
    {
        using var dir = new TempDirectory();
        using var storage = SqliteStores.Open(dir.File("rpm.db"), Embeddings.Dimensions);
        await storage.EnsureReadyAsync();
        await StoreAsync(storage, "alice", "tagged", "space: aliens", task: "lamp2");
        await StoreAsync(storage, "alice", "rated", "space: aliens", task: "lamp3");
        var retriever = new FeatureRetriever(storage.Reasoning, Embeddings);

        var results = await retriever.RetrieveAsync("alice", "lamp3", "space: aliens", top: 5);

        Assert.Equal("rated", Assert.Single(results).Record.ItemId);
    }

    private static async Task StoreAsync(RpmKernel.Storage.RpmStorage storage, string user, string itemId, string featureText, string task = "lamp2", string query = "a film")
    {
        var parts = featureText.Split(": ");
        var record = new ReasoningRecord
        {
            UserId = user,
            Task = task,
            ItemId = itemId,
            Query = query,
            Answer = "sci-fi",
            Features = [new Feature(parts[0], parts[1], "genre")],
            FeatureText = featureText,
            Reasoning = "because",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var vector = (await Embeddings.GenerateAsync([featureText]))[0].Vector;
        await storage.Reasoning.UpsertAsync([record], [vector]);
    }
}
