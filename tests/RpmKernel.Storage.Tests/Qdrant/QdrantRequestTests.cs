using Qdrant.Client.Grpc;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>Reads and writes, asserted on the exact Qdrant requests and on the mapping of canned responses.</summary>
public sealed class QdrantRequestTests
{
    private static readonly float[] Query = [0.5f, -1, 0, 2];

    [Fact]
    public async Task Upserting_600_records_sends_three_waited_requests_of_at_most_256_points_keyed_by_item()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        var records = Enumerable.Range(0, 600).Select(i => TestRecords.Record("u1", "t", $"i{i}")).ToList();
        var embeddings = Enumerable.Range(0, 600).Select(i => (ReadOnlyMemory<float>)new float[] { i, 1, 2, 3 }).ToList();

        await storage.Reasoning.UpsertAsync(records, embeddings);

        Assert.Equal([256, 256, 88], seam.Upserts.Select(u => u.Points.Count));
        Assert.All(seam.Upserts, u => Assert.True(u.Wait && u.CollectionName == "rpm"));
        var points = seam.Upserts.SelectMany(u => u.Points).ToList();
        Assert.Equal(records.Select(r => RecordKeys.ForItem(r.UserId, r.Task, r.ItemId).ToString("D")), points.Select(p => p.Id.Uuid));
        Assert.Equal([599, 1, 2, 3], points[599].Vectors.Vector.Dense.Data);
    }

    [Fact]
    public async Task Payload_fields_keep_their_types_and_vectorless_points_carry_an_empty_vector_map()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        var row = TestRecords.Usage("u1", "t", 2, hit: true);

        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [Query]);
        await storage.Usage.AppendAsync([row]);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t"));

        var record = seam.Upserts[0].Points[0].Payload;
        Assert.Equal("u1", record["UserId"].StringValue);
        Assert.Equal("2025-06-07T13:09:10.0000000+00:00", record["CreatedAt"].StringValue);
        var usage = seam.Upserts[1].Points[0];
        Assert.Equal(row.Id.ToString("D"), usage.Id.Uuid);
        Assert.Equal(100, usage.Payload["InputTokens"].IntegerValue);
        Assert.Equal(12.5, usage.Payload["LatencyMs"].DoubleValue);
        Assert.True(usage.Payload["CacheHit"].BoolValue);
        var model = seam.Upserts[2].Points[0];
        Assert.Equal(Vectors.VectorsOptionsOneofCase.Vectors_, model.Vectors.VectorsOptionsCase);
        Assert.Empty(model.Vectors.Vectors_.Vectors);
    }

    [Fact]
    public async Task A_search_always_carries_the_user_and_task_filter_and_maps_scores_and_payloads()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        var record = TestRecords.Record("u1", "t", "i7");
        await storage.Reasoning.UpsertAsync([record], [Query]);
        var stored = seam.Upserts[0].Points[0];
        seam.Scored.Add(new ScoredPoint { Id = stored.Id, Payload = { stored.Payload }, Score = 0.75f });

        var results = await storage.Reasoning.SearchAsync("u1", "t", Query, top: 3);

        var request = Assert.Single(seam.Queries);
        Assert.Equal("rpm", request.CollectionName);
        Assert.Equal(Query, request.Query.Nearest.Dense.Data);
        Assert.Equal(3ul, request.Limit);
        Assert.True(request.WithPayload.Enable);
        Assert.False(request.WithVectors.Enable);
        AssertUserAndTask(request.Filter, "u1", "t");
        RecordAssert.Equal(record, Assert.Single(results).Record);
        Assert.Equal(0.75, results[0].Score, 6);
    }

    [Fact]
    public async Task Reading_a_users_records_scrolls_page_by_page_with_the_filter()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        var points = await StoredPointsAsync(seam, storage, "a", "b", "c");
        seam.ScrollPages.Enqueue(Page(points[0], points[1]));
        seam.ScrollPages.Peek().NextPageOffset = points[2].Id;
        seam.ScrollPages.Enqueue(Page(points[2]));

        var records = await storage.Reasoning.GetAllAsync("u1", "t");

        Assert.Equal(["a", "b", "c"], records.Select(r => r.ItemId));
        Assert.Equal(2, seam.Scrolls.Count);
        Assert.Null(seam.Scrolls[0].Offset);
        Assert.Equal(points[2].Id, seam.Scrolls[1].Offset);
        Assert.All(seam.Scrolls, s => AssertUserAndTask(s.Filter, "u1", "t"));

        // The first page is small; once its points are sized (tiny here) the next grows to the ceiling.
        Assert.Equal([(uint)QdrantCollection<ReasoningRecordEntity>.FirstPagePoints, (uint)QdrantPageBudget.MaxPoints], seam.Scrolls.Select(s => s.Limit));
    }

    [Fact]
    public async Task Forgetting_a_user_deletes_exactly_the_keys_found_with_the_user_filter()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        var points = await StoredPointsAsync(seam, storage, "a", "b");
        seam.ScrollPages.Enqueue(Page(points[0], points[1]));

        Assert.Equal(2, await storage.Reasoning.DeleteAsync("u1"));

        var scroll = Assert.Single(seam.Scrolls);
        var condition = Assert.Single(scroll.Filter.Must);
        Assert.Equal(("UserId", "u1"), (condition.Field.Key, condition.Field.Match.Keyword));

        // Keys only: the payload selector asks for the scope fields, so no record body crosses the wire.
        Assert.Equal(["UserId", "Task"], scroll.WithPayload.Include.Fields);
        Assert.False(scroll.WithVectors.Enable);
        var delete = Assert.Single(seam.Deletes);
        Assert.True(delete.Wait);
        Assert.Equal(points.Select(p => p.Id), delete.Points.Points.Ids);
    }

    [Fact]
    public async Task Reading_everyones_usage_scrolls_without_a_filter()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);

        Assert.Empty(await storage.Usage.GetAsync());

        var scroll = Assert.Single(seam.Scrolls);
        Assert.Equal("rpm_usage", scroll.CollectionName);
        Assert.Null(scroll.Filter);
    }

    [Fact]
    public async Task A_user_model_is_retrieved_by_its_key_without_vectors()
    {
        var seam = new FakeQdrantSeam();
        using var storage = await QdrantTestStore.ReadyAsync(seam);
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 9));
        var stored = seam.Upserts[0].Points[0];
        seam.Stored.Add(new RetrievedPoint { Id = stored.Id, Payload = { stored.Payload } });

        var model = await storage.UserModels.GetAsync("u1", "t");

        var get = Assert.Single(seam.Gets);
        Assert.Equal("rpm_user_models", get.CollectionName);
        Assert.Equal([RecordKeys.ForUserModel("u1", "t").ToString("D")], get.Ids.Select(i => i.Uuid));
        Assert.False(get.WithVectors.Enable);
        Assert.Equal(9, model?.ItemCount);
    }

    internal static void AssertUserAndTask(Filter filter, string user, string task)
    {
        Assert.Equal(
            [("UserId", user), ("Task", task)],
            filter.Must.Select(c => (c.Field.Key, c.Field.Match.Keyword)));
        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
    }

    private static ScrollResponse Page(params PointStruct[] points)
    {
        var page = new ScrollResponse();
        page.Result.AddRange(points.Select(p => new RetrievedPoint { Id = p.Id, Payload = { p.Payload } }));
        return page;
    }

    /// <summary>The points the store sends for records of u1/t with these item ids.</summary>
    private static async Task<List<PointStruct>> StoredPointsAsync(FakeQdrantSeam seam, RpmStorage storage, params string[] items)
    {
        await storage.Reasoning.UpsertAsync([.. items.Select(i => TestRecords.Record("u1", "t", i))], [.. items.Select(_ => (ReadOnlyMemory<float>)Query)]);
        var points = seam.Upserts.Last().Points.ToList();
        seam.Upserts.Clear();
        return points;
    }
}
