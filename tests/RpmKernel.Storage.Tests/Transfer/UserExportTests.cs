using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.Storage.InMemory;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Fakes;
using RpmKernel.Storage.Tests.Qdrant.Simulation;
using RpmKernel.Storage.Transfer;

namespace RpmKernel.Storage.Tests.Transfer;

/// <summary>
/// A user moved SQLite → InMemory → Qdrant (simulated 1.17 server) → SQLite keeps every record,
/// vector, model and usage row; the format refuses what it cannot read, and re-embeds only on a model change.
/// </summary>
public sealed class UserExportTests(SimulatedQdrant117 qdrant) : IClassFixture<SimulatedQdrant117>
{
    private const int Dimensions = 4;
    private const string Model = "all-MiniLM-L6-v2";

    [Fact]
    public async Task A_user_moves_through_every_store_and_comes_back_identical()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var original = await ExportTextAsync(source.Storage, "alice");

        using var memory = InMemoryStores.Open(Dimensions);
        var options = new QdrantStoreOptions { Endpoint = qdrant.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };
        using var remote = QdrantStores.Open(options, Dimensions);
        using var target = await SqliteStorage.CreateAsync(Dimensions);
        var text = original;
        foreach (var store in new[] { memory, remote, target.Storage })
        {
            var summary = await UserExport.ImportAsync(store, new StringReader(text), new UserImportOptions { Embeddings = new CountingEmbeddingGenerator(Model, Dimensions) });
            Assert.Equal((3, 2, 2, 0), (summary.Records, summary.UserModels, summary.UsageRows, summary.Reembedded));
            text = await ExportTextAsync(store, "alice");
        }

        Assert.Equal(Body(original), Body(text));
        var before = await source.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        var after = await target.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(before.Count, after.Count);
        foreach (var (expected, actual) in before.Zip(after))
        {
            RecordAssert.Equal(expected, actual);
        }

        // The vectors came through: each record is still found by its own one.
        Assert.Equal("i2", (await target.Storage.Reasoning.SearchAsync("alice", "lamp2", Unit(1), 1)).Single().Record.ItemId);
        Assert.Empty(await target.Storage.Reasoning.GetAllAsync("bob", "lamp2"));
        Assert.Equal(2, (await target.Storage.UserModels.GetAsync("alice", "lamp2"))!.ItemCount);
    }

    [Fact]
    public async Task Another_embedding_model_re_embeds_the_feature_texts_and_says_so()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var text = await ExportTextAsync(source.Storage, "alice", "lamp2");
        using var target = InMemoryStores.Open(Dimensions);
        var other = new CountingEmbeddingGenerator("text-embedding-3-small", Dimensions);

        var summary = await UserExport.ImportAsync(target, new StringReader(text), new UserImportOptions { Embeddings = other });

        Assert.Equal((2, 2, "text-embedding-3-small"), (summary.Reembedded, other.Texts, summary.EmbeddingModel));
        Assert.All(await target.Reasoning.GetAllAsync("alice", "lamp2"), r => Assert.Equal("text-embedding-3-small", r.EmbeddingModel));
    }

    [Fact]
    public async Task The_same_embedding_model_needs_no_embedding_call()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var same = new CountingEmbeddingGenerator(Model, Dimensions);
        using var target = InMemoryStores.Open(Dimensions);

        await UserExport.ImportAsync(target, new StringReader(await ExportTextAsync(source.Storage, "alice")), new UserImportOptions { Embeddings = same });

        Assert.Equal(0, same.Texts);
    }

    [Fact]
    public async Task An_unknown_format_version_is_refused_naming_both_versions()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var text = (await ExportTextAsync(source.Storage, "alice")).Replace("\"version\":1", "\"version\":7", StringComparison.Ordinal);
        using var target = InMemoryStores.Open(Dimensions);
        await target.EnsureReadyAsync();

        var error = await Assert.ThrowsAsync<RpmInputException>(() => UserExport.ImportAsync(target, new StringReader(text)));

        Assert.Contains("format version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("only version 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.Reasoning.GetAllAsync("alice", "lamp2"));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("foreign")]
    [InlineData("garbage")]
    [InlineData("not-an-export")]
    public async Task A_damaged_file_is_refused_before_anything_is_written(string damage)
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var lines = (await ExportTextAsync(source.Storage, "alice")).TrimEnd('\n').Split('\n').ToList();
        switch (damage)
        {
            case "cut": lines.RemoveAt(lines.Count - 1); break;
            case "foreign": lines[1] = lines[1].Replace("\"userId\":\"alice\"", "\"userId\":\"bob\"", StringComparison.Ordinal); break;
            case "garbage": lines[2] = "{\"type\":\"record\",\"record\":"; break;
            default: lines[0] = "{\"format\":\"something-else\",\"version\":1}"; break;
        }

        using var target = InMemoryStores.Open(Dimensions);
        await target.EnsureReadyAsync();
        var error = await Assert.ThrowsAsync<RpmInputException>(() => UserExport.ImportAsync(target, new StringReader(string.Join('\n', lines))));

        Assert.DoesNotContain("query i1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.Reasoning.GetAllAsync("alice", "lamp2"));
        Assert.Null(await target.UserModels.GetAsync("alice", "lamp2"));
    }

    [Fact]
    public async Task A_user_the_target_holds_is_replaced_only_when_asked()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var text = await ExportTextAsync(source.Storage, "alice", "lamp2");
        using var target = InMemoryStores.Open(Dimensions);
        await target.EnsureReadyAsync();
        await target.Reasoning.UpsertAsync([TestRecords.Record("alice", "lamp2", "old")], [Unit(3)]);

        var refused = await Assert.ThrowsAsync<RpmInputException>(() => UserExport.ImportAsync(target, new StringReader(text)));
        Assert.Contains("--replace", refused.Message, StringComparison.Ordinal);

        await UserExport.ImportAsync(target, new StringReader(text), new UserImportOptions { Replace = true });
        Assert.Equal(["i1", "i2"], (await target.Reasoning.GetItemIdsAsync("alice", "lamp2")).Order());
    }

    [Fact]
    public async Task Import_waits_for_the_users_write_lease()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        await SeedAsync(source.Storage);
        var text = await ExportTextAsync(source.Storage, "alice", "lamp2");
        using var target = await SqliteStorage.CreateAsync(Dimensions);
        Assert.Null(await target.Storage.Leases.TryAcquireAsync("alice", "lamp2", "an-ingest", TimeSpan.FromMinutes(1)));

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            UserExport.ImportAsync(target.Storage, new StringReader(text), new UserImportOptions { LeaseWait = TimeSpan.Zero }));

        Assert.Contains("an-ingest", error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.Storage.Reasoning.GetAllAsync("alice", "lamp2"));
        await target.Storage.Leases.ReleaseAsync("alice", "lamp2", "an-ingest");
        Assert.Equal(2, (await UserExport.ImportAsync(target.Storage, new StringReader(text))).Records);
    }

    [Fact]
    public async Task Exporting_a_user_nobody_stored_is_an_input_error()
    {
        using var source = await SqliteStorage.CreateAsync(Dimensions);
        var error = await Assert.ThrowsAsync<RpmInputException>(() => UserExport.ExportAsync(source.Storage, "nobody", null, new StringWriter()));
        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(RpmStorage storage)
    {
        await storage.EnsureReadyAsync();
        var records = new[] { ("lamp2", "i1"), ("lamp2", "i2"), ("lamp3", "i1") }
            .Select(x => TestRecords.Record("alice", x.Item1, x.Item2) with { EmbeddingModel = Model }).ToList();
        await storage.Reasoning.UpsertAsync(records, [Unit(0), Unit(1), Unit(2)]);
        await storage.Reasoning.UpsertAsync([TestRecords.Record("bob", "lamp2", "i1")], [Unit(0)]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("alice", "lamp2", itemCount: 2));
        await storage.UserModels.UpsertAsync(TestRecords.Model("alice", "lamp3", itemCount: 1));
        await storage.Usage.AppendAsync([TestRecords.Usage("alice", "lamp2", 1), TestRecords.Usage("alice", "lamp3", 2, hit: true), TestRecords.Usage("bob", "lamp2", 3)]);
    }

    private static async Task<string> ExportTextAsync(RpmStorage storage, string userId, string? task = null)
    {
        using var writer = new StringWriter();
        await UserExport.ExportAsync(storage, userId, task, writer);
        return writer.ToString();
    }

    // Unit vectors survive Qdrant's cosine normalisation unchanged.
    private static float[] Unit(int axis)
    {
        var vector = new float[Dimensions];
        vector[axis] = 1;
        return vector;
    }

    private static string[] Body(string export) => export.Split('\n')[1..];
}
