using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Fakes;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>Receive limits, strict-mode limits, HNSW settings and index drift, over the wire on a simulated 1.17.</summary>
public sealed class QdrantLimitsTests(SimulatedQdrant117 fixture) : IClassFixture<SimulatedQdrant117>
{
    private const int Dimensions = 8;

    private readonly QdrantStoreOptions _options = new() { Endpoint = fixture.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };

    private SimulatedQdrantServer Server => fixture.Server;

    [Fact]
    public async Task Records_of_64_KB_read_and_delete_under_the_4_MB_default_receive_limit()
    {
        _options.MaxReceiveMessageSizeMb = 4;
        using var storage = QdrantStores.Open(_options, Dimensions);
        await storage.EnsureReadyAsync();
        var large = new string('x', 64 * 1024);
        var records = Enumerable.Range(0, 100).Select(i => TestRecords.Record("u1", "t", $"i{i}", large)).ToList();
        await storage.Reasoning.UpsertAsync(records, [.. records.Select(_ => (ReadOnlyMemory<float>)new float[Dimensions])]);

        // One page of 256 points, as reads used to ask for, is 6.5 MB: the client's default limit refuses it.
        using var defaults = new QdrantClient(Server.Endpoint);
        var old = await Assert.ThrowsAsync<RpcException>(() => defaults.ScrollAsync(_options.Collection, limit: 256, payloadSelector: true));
        Assert.Equal(StatusCode.ResourceExhausted, old.StatusCode);

        var read = await storage.Reasoning.GetAllAsync("u1", "t");
        var deleted = await storage.Reasoning.DeleteAsync("u1");

        Assert.Equal(100, read.Count);
        Assert.All(read, r => Assert.Equal(large.Length, r.Answer.Length));
        Assert.Equal(100, deleted);
        Assert.Empty(await storage.Reasoning.GetAllAsync("u1", "t"));
    }

    [Fact]
    public async Task Strict_mode_limits_bound_every_upsert_and_scroll_and_refuse_a_larger_search()
    {
        (_options.UpsertBatchSize, _options.MaxQueryLimit) = (3, 4);
        using var storage = await StrictAsync();
        var records = Enumerable.Range(0, 10).Select(i => TestRecords.Record("u1", "t", $"i{i}")).ToList();

        await storage.Reasoning.UpsertAsync(records, [.. records.Select(_ => (ReadOnlyMemory<float>)new float[Dimensions])]);
        var read = await storage.Reasoning.GetAllAsync("u1", "t");
        var deleted = await storage.Reasoning.DeleteAsync("u1");
        var search = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Reasoning.SearchAsync("u1", "t", new float[Dimensions], top: 5));

        Assert.Equal((10, 10), (read.Count, deleted));
        Assert.Equal([3, 3, 3, 1], Server.RequestsOf<UpsertPoints>().Where(u => u.CollectionName == _options.Collection).Select(u => u.Points.Count));
        Assert.Contains("MaxQueryLimit", search.Message);
    }

    [Fact]
    public async Task A_strict_mode_refusal_names_the_options_to_set()
    {
        using var storage = await StrictAsync();
        var records = Enumerable.Range(0, 10).Select(i => TestRecords.Record("u1", "t", $"i{i}")).ToList();

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.Reasoning.UpsertAsync(records, [.. records.Select(_ => (ReadOnlyMemory<float>)new float[Dimensions])]));

        Assert.Contains("Limit exceeded 10 > 3 for \"upsert limit\"", ex.Message);
        Assert.Contains("Rpm:Store:Qdrant:UpsertBatchSize", ex.Message);
    }

    [Fact]
    public async Task Multitenancy_HNSW_settings_go_into_the_reasoning_collection_only()
    {
        (_options.HnswM, _options.HnswPayloadM) = (0, 16);
        using var storage = QdrantStores.Open(_options, Dimensions);

        await storage.EnsureReadyAsync();

        var create = Server.RequestsOf<CreateCollection>().Where(c => c.CollectionName.StartsWith(_options.Collection, StringComparison.Ordinal)).ToList();
        var reasoning = Assert.Single(create, c => c.CollectionName == _options.Collection);
        Assert.Equal((0ul, 16ul), (reasoning.HnswConfig.M, reasoning.HnswConfig.PayloadM));
        Assert.All(create.Where(c => c != reasoning), c => Assert.Null(c.HnswConfig));
        Assert.Equal(0ul, Server.Info(_options.Collection)!.Config.HnswConfig.M);
    }

    [Theory]
    [InlineData("UserId", PayloadSchemaType.Integer)]
    [InlineData("Task", PayloadSchemaType.Text)]
    public async Task An_existing_index_of_another_type_fails_saying_how_to_recreate_it(string field, PayloadSchemaType type)
    {
        using (var first = QdrantStores.Open(_options, Dimensions))
        {
            await first.EnsureReadyAsync();
        }

        Server.AddIndex(_options.Collection, field, type);
        using var storage = QdrantStores.Open(_options, Dimensions);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.EnsureReadyAsync());

        Assert.Contains($"has a {type} index on '{field}'", ex.Message);
        Assert.Contains($"DELETE /collections/{_options.Collection}/index/{field}", ex.Message);
    }

    [Fact]
    public async Task A_user_index_that_is_not_a_tenant_index_is_reported_as_a_warning()
    {
        using (var first = QdrantStores.Open(_options, Dimensions))
        {
            await first.EnsureReadyAsync();
        }

        Server.AddIndex(_options.Collection, "UserId", PayloadSchemaType.Keyword);
        using var logs = new ListLoggerFactory();
        using var storage = QdrantStores.Open(_options, Dimensions, logs);

        await storage.EnsureReadyAsync();

        var warning = Assert.Single(logs.Warnings, w => w.Contains("tenant", StringComparison.Ordinal));
        Assert.Contains("'UserId' that is not a tenant index", warning);
        Assert.Contains($"DELETE /collections/{_options.Collection}/index/UserId", warning);
    }

    // The reasoning collection with strict mode on: at most 4 points per query or scroll, 3 per upsert.
    private async Task<RpmStorage> StrictAsync()
    {
        var storage = QdrantStores.Open(_options, Dimensions);
        await storage.EnsureReadyAsync();
        Server.EnableStrictMode(_options.Collection, maxQueryLimit: 4, upsertMaxBatchsize: 3);
        return storage;
    }
}
