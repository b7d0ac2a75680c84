using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// The production seam over the real <see cref="QdrantClient"/>, on a recording gRPC invoker: what
/// the store asks of the seam is what goes on the wire.
/// </summary>
public sealed class QdrantClientSeamTests
{
    private readonly RecordingCallInvoker _wire = new();

    private QdrantClientSeam Seam() => new(new QdrantClient(new QdrantGrpcClient(_wire)));

    private static Filter UserFilter => new() { Must = { Conditions.MatchKeyword("UserId", "u1") } };

    [Fact]
    public async Task A_tenant_index_reaches_the_wire_as_a_waited_keyword_index_with_is_tenant()
    {
        using var seam = Seam();
        var request = new CreateFieldIndexCollection
        {
            CollectionName = "rpm",
            FieldName = "UserId",
            FieldType = FieldType.Keyword,
            FieldIndexParams = new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } },
            Wait = true,
        };

        await seam.CreatePayloadIndexAsync(request, default);

        var sent = _wire.Single<CreateFieldIndexCollection>();
        Assert.Equal(("rpm", "UserId", FieldType.Keyword, true, true), (sent.CollectionName, sent.FieldName, sent.FieldType, sent.FieldIndexParams.KeywordIndexParams.IsTenant, sent.Wait));
    }

    [Fact]
    public async Task Collection_creation_and_upserts_are_sent_as_given()
    {
        using var seam = Seam();
        var create = new CreateCollection { CollectionName = "rpm", VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = 384, Distance = Distance.Cosine } } };
        var upsert = new UpsertPoints { CollectionName = "rpm", Wait = true, Points = { new PointStruct { Id = Guid.NewGuid(), Vectors = new float[] { 1, 2 } } } };

        await seam.CreateCollectionAsync(create, default);
        await seam.UpsertAsync(upsert, default);

        Assert.Equal(create, _wire.Single<CreateCollection>());
        Assert.Equal(upsert, _wire.Single<UpsertPoints>());
    }

    [Fact]
    public async Task Scroll_query_get_and_delete_keep_their_filter_paging_and_selectors()
    {
        using var seam = Seam();
        var id = new PointId { Uuid = Guid.NewGuid().ToString("D") };

        await seam.ScrollAsync(new ScrollPoints { CollectionName = "rpm", Filter = UserFilter, Limit = 256, Offset = id, WithPayload = true, WithVectors = false }, default);
        await seam.QueryAsync(new QueryPoints { CollectionName = "rpm", Query = new float[] { 1, 0 }, Filter = UserFilter, Limit = 4, Offset = 1, WithPayload = true, WithVectors = true }, default);
        await seam.RetrieveAsync(new GetPoints { CollectionName = "rpm", Ids = { id }, WithPayload = true, WithVectors = false }, default);
        await seam.DeleteAsync(new DeletePoints { CollectionName = "rpm", Wait = true, Points = new PointsSelector { Points = new PointsIdsList { Ids = { id } } } }, default);

        var scroll = _wire.Single<ScrollPoints>();
        Assert.Equal((UserFilter, 256u, id, true, false), (scroll.Filter, scroll.Limit, scroll.Offset, scroll.WithPayload.Enable, scroll.WithVectors.Enable));
        var query = _wire.Single<QueryPoints>();
        Assert.Equal((UserFilter, 4ul, 1ul, true, true), (query.Filter, query.Limit, query.Offset, query.WithPayload.Enable, query.WithVectors.Enable));
        Assert.Equal([1f, 0f], query.Query.Nearest.Dense.Data);
        var get = _wire.Single<GetPoints>();
        Assert.Equal((id, false), (Assert.Single(get.Ids), get.WithVectors.Enable));
        var delete = _wire.Single<DeletePoints>();
        Assert.Equal((id, true), (Assert.Single(delete.Points.Points.Ids), delete.Wait));
    }

    [Fact]
    public async Task Responses_come_back_as_the_server_sent_them()
    {
        using var seam = Seam();
        var id = new PointId { Uuid = Guid.NewGuid().ToString("D") };
        _wire.Responses["Scroll"] = new ScrollResponse { Result = { new RetrievedPoint { Id = id } }, NextPageOffset = id };
        _wire.Responses["Query"] = new QueryResponse { Result = { new ScoredPoint { Id = id, Score = 0.5f } } };

        var page = await seam.ScrollAsync(new ScrollPoints { CollectionName = "rpm", Filter = new Filter(), Limit = 1 }, default);
        var scored = await seam.QueryAsync(new QueryPoints { CollectionName = "rpm", Query = new float[] { 1 }, Limit = 1 }, default);

        Assert.Equal(id, page.NextPageOffset);
        Assert.Equal(0.5f, Assert.Single(scored).Score);
        Assert.True(await seam.CollectionExistsAsync("rpm", default));
    }
}
