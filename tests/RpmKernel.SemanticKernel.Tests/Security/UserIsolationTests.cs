using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;
using RpmKernel.Storage.Sqlite;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Security;

/// <summary>No read of the stores or the pipeline ever returns another user's (or another task's) record.</summary>
public sealed class UserIsolationTests
{
    private const int Users = 20;
    private const int ItemsPerUserAndTask = 10;
    private static readonly string[] s_tasks = ["lamp2", "lamp5"];

    [Fact]
    public async Task A_thousand_random_searches_and_reads_over_twenty_users_return_only_the_askers_records()
    {
        using var directory = new TempDirectory();
        var embeddings = new RandomEmbeddingGenerator(32);
        using var storage = SqliteStores.Open(directory.File("rpm.db"), embeddings.Dimensions);
        await storage.EnsureReadyAsync();
        await StoreEveryonesHistoryAsync(storage, embeddings);

        var random = new Random(20);
        for (var q = 0; q < 1_000; q++)
        {
            var user = $"user{random.Next(Users)}";
            var task = s_tasks[random.Next(s_tasks.Length)];
            var top = random.Next(1, 2 * ItemsPerUserAndTask);
            var results = await storage.Reasoning.SearchAsync(user, task, embeddings.Embed($"query {q}"), top);

            Assert.Equal(Math.Min(top, ItemsPerUserAndTask), results.Count);
            Assert.All(results, r => AssertOwned(r.Record, user, task));

            if (q % 10 == 0)
            {
                var all = await storage.Reasoning.GetAllAsync(user, task);
                Assert.Equal(ItemsPerUserAndTask, all.Count);
                Assert.All(all, r => AssertOwned(r, user, task));
                Assert.Equal(all.Select(r => r.ItemId).ToHashSet(), await storage.Reasoning.GetItemIdsAsync(user, task));
                var model = await storage.UserModels.GetAsync(user, task);
                Assert.Equal((user, task), (model!.UserId, model.Task));
            }
        }

        Assert.Empty(await storage.Reasoning.SearchAsync("stranger", "lamp2", embeddings.Embed("query"), 5));
        Assert.Null(await storage.UserModels.GetAsync("stranger", "lamp2"));
    }

    [Fact]
    public async Task Personalize_retrieves_only_the_users_own_examples_even_when_others_hold_identical_items()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        string[] users = ["alice", "bob", "carol"];
        foreach (var user in users)
        {
            // The same texts for everyone: only the owner filter can tell the records apart.
            var history = SampleHistories.MovieTags(8).Select(i => i with { Id = $"{user}-{i.Id}" }).ToList();
            Assert.Equal(8, (await runtime.Pipeline.IngestAsync(user, "lamp2", history)).Items);
        }

        foreach (var user in users)
        {
            for (var q = 0; q < 3; q++)
            {
                var answer = await runtime.Pipeline.PersonalizeAsync(user, "lamp2", SampleHistories.MovieTags(12)[q + 8].Query);

                Assert.Equal(runtime.Options.Retrieval.TopK, answer.Examples.Count);
                Assert.All(answer.Examples, e => Assert.StartsWith(user + "-", e.ItemId, StringComparison.Ordinal));
            }
        }
    }

    private static async Task StoreEveryonesHistoryAsync(RpmStorage storage, RandomEmbeddingGenerator embeddings)
    {
        foreach (var task in s_tasks)
        {
            for (var u = 0; u < Users; u++)
            {
                var user = $"user{u}";

                // Every user has the same item ids, so a key or filter mix-up would surface as a foreign record.
                var records = Enumerable.Range(0, ItemsPerUserAndTask).Select(i => Record(user, task, $"i{i}")).ToList();
                var vectors = records.Select(r => (ReadOnlyMemory<float>)embeddings.Embed(r.FeatureText)).ToList();
                await storage.Reasoning.UpsertAsync(records, vectors);
                await storage.UserModels.UpsertAsync(new UserModel { UserId = user, Task = task, ItemCount = records.Count, Factors = [], BuiltAt = DateTimeOffset.UnixEpoch });
            }
        }
    }

    private static ReasoningRecord Record(string user, string task, string itemId) => new()
    {
        UserId = user,
        Task = task,
        ItemId = itemId,
        Query = $"{user}/{task}/{itemId} query",
        Answer = "comedy",
        Features = [new Feature("tone", "light", "mood")],
        FeatureText = $"tone: light {user} {task} {itemId}",
        Reasoning = $"{user} likes it",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static void AssertOwned(ReasoningRecord record, string user, string task)
    {
        Assert.Equal(user, record.UserId);
        Assert.Equal(task, record.Task);
        Assert.StartsWith($"{user}/{task}/", record.Query, StringComparison.Ordinal);
    }
}
