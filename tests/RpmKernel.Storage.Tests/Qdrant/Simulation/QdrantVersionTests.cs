using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Fakes;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The version floor, on simulated servers over the wire: below 1.13 refused before any write, below the tested range warned.</summary>
public sealed class QdrantVersionTests(SimulatedQdrant112 old, SimulatedQdrant116 older) : IClassFixture<SimulatedQdrant112>, IClassFixture<SimulatedQdrant116>
{
    [Fact]
    public async Task A_server_below_1_13_is_refused_naming_its_version_and_the_minimum_before_anything_is_written()
    {
        using var storage = QdrantStores.Open(new() { Endpoint = old.Server.Endpoint, Collection = "rpm_floor" }, dimensions: 8);
        var writes = old.Server.Writes;

        var ensure = await Assert.ThrowsAsync<VectorStoreException>(() => storage.EnsureReadyAsync());
        var upsert = await Assert.ThrowsAsync<VectorStoreException>(() => storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[8]]));

        Assert.Contains("version 1.12.6", ensure.Message);
        Assert.Contains("needs Qdrant 1.13 or newer", ensure.Message);
        Assert.Equal(ensure.Message, upsert.Message);
        Assert.Equal(writes, old.Server.Writes);
        Assert.Null(old.Server.Info("rpm_floor"));
    }

    [Fact]
    public async Task The_floor_is_real_a_1_12_server_reads_a_dense_vector_as_empty()
    {
        using var raw = new QdrantClient(old.Server.Endpoint);
        await raw.CreateCollectionAsync("rpm_raw_112", new VectorParams { Size = 4, Distance = Distance.Cosine });

        var ex = await Assert.ThrowsAsync<RpcException>(() => raw.UpsertAsync("rpm_raw_112", [new PointStruct { Id = Guid.NewGuid(), Vectors = new[] { 1f, 0, 0, 0 } }]));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("Vector dimension error: expected dim: 4, got 0", ex.Status.Detail);
    }

    [Fact]
    public async Task A_server_below_the_tested_range_works_with_one_warning_naming_the_range()
    {
        using var logs = new ListLoggerFactory();
        using var storage = QdrantStores.Open(new() { Endpoint = older.Server.Endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") }, dimensions: 8, logs);

        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[8]]);

        var warning = Assert.Single(logs.Warnings);
        Assert.Contains("version 1.16.3", warning);
        Assert.Contains($"tested with {QdrantServerVersion.Tested.Major}.{QdrantServerVersion.Tested.Minor}", warning);
    }

    [Theory]
    [InlineData("1.17.1", 1, 17, 1)]
    [InlineData("v1.20.0", 1, 20, 0)]
    [InlineData("1.16.3-dev", 1, 16, 3)]
    [InlineData("1.13", 1, 13, 0)]
    public void Server_versions_parse_with_or_without_prefix_and_suffix(string text, int major, int minor, int patch)
        => Assert.Equal(new Version(major, minor, patch), QdrantServerVersion.Parse(text));

}
