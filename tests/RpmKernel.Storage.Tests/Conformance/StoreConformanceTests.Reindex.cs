using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>Re-embedding (<c>rpmk reindex</c>) through <see cref="ReasoningCollectionAdmin"/>: the same on every backend.</summary>
public abstract partial class StoreConformanceTests
{
    private const int Wider = Dimensions + 4;

    [StoreFact]
    public async Task Re_embedding_with_the_same_dimension_rewrites_every_vector_in_place()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t", "a"), ("u1", "t", "b"), ("u2", "t", "c"));
        var admin = Admin(storage);

        var records = await admin.ReadAsync();
        Assert.All(records, r => Assert.Equal(Dimensions, r.EmbeddingDimensions));
        await admin.UpsertAsync(Reembedded(records, "model-2", Dimensions), [.. records.Select((_, i) => Axis(Dimensions, i + 1))]);

        // Record i now points along axis i + 1 only: the old vectors (all along axis 0) are gone.
        var found = Assert.Single(await storage.Reasoning.SearchAsync("u1", "t", Unit(2), top: 1));
        Assert.Equal(("b", "model-2", 1.0), (found.Record.ItemId, found.Record.EmbeddingModel, Math.Round(found.Score, 4)));
        Assert.All(await storage.Reasoning.SearchAsync("u1", "t", Unit(0), top: 5), r => Assert.Equal(0, r.Score, precision: 4));
        Assert.Equal(["a", "b", "c"], (await admin.ReadAsync()).Select(r => r.ItemId));
        Assert.False(await admin.IsRebuildInterruptedAsync());
    }

    [StoreFact]
    public async Task Re_embedding_with_another_dimension_rebuilds_the_collection_and_keeps_the_other_stores()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t", "a"), ("u1", "s", "b"), ("u2", "t", "c"));
        await storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 3));
        var wider = Open(Wider);
        _opened.Add(wider);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => wider.Reasoning.EnsureReadyAsync());

        // The data-only view reads a collection of another dimension.
        var admin = Admin(wider);
        var records = await admin.ReadAsync();
        Assert.Equal([("u1", "s", "b"), ("u1", "t", "a"), ("u2", "t", "c")], records.Select(r => (r.UserId, r.Task, r.ItemId)));
        await admin.RebuildAsync(Reembedded(records, "model-2", Wider), [.. records.Select((_, i) => Axis(Wider, Dimensions + i))]);

        await wider.EnsureReadyAsync();
        var found = Assert.Single(await wider.Reasoning.SearchAsync("u2", "t", Axis(Wider, Dimensions + 2), top: 1));
        Assert.Equal(("c", Wider, "model-2"), (found.Record.ItemId, found.Record.EmbeddingDimensions, found.Record.EmbeddingModel));
        Assert.Equal(1, found.Score, precision: 4);
        Assert.Equal(3, (await wider.UserModels.GetAsync("u1", "t"))?.ItemCount);
        Assert.False(await admin.IsRebuildInterruptedAsync());
        var narrow = Open(Dimensions);
        _opened.Add(narrow);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => narrow.Reasoning.EnsureReadyAsync());
    }

    [StoreFact]
    public async Task A_rebuild_cut_short_after_the_drop_is_finished_from_the_backup()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t", "a"), ("u1", "t", "b"), ("u2", "t", "c"));
        var admin = Admin(storage);
        var records = Reembedded(await admin.ReadAsync(), "model-2", Wider);

        // The state a crash leaves after the drop, with one record written back at the new dimension.
        await admin.BackUpAsync(records);
        await admin.DropAsync();
        await admin.UpsertAsync([records[0]], [Axis(Wider, 0)]);

        Assert.True(await admin.IsRebuildInterruptedAsync());
        var pending = await admin.ReadAsync();
        Assert.Equal(["a", "b", "c"], pending.Select(r => r.ItemId));
        Assert.Equal(["a", "b"], (await admin.ReadAsync("u1")).Select(r => r.ItemId));
        await admin.RebuildAsync(pending, [.. pending.Select((_, i) => Axis(Wider, i + 1))]);

        Assert.False(await admin.IsRebuildInterruptedAsync());
        var wider = Open(Wider);
        _opened.Add(wider);
        await wider.EnsureReadyAsync();
        Assert.Equal(["a", "b"], (await wider.Reasoning.GetAllAsync("u1", "t")).Select(r => r.ItemId));
        Assert.Equal("b", Assert.Single(await wider.Reasoning.SearchAsync("u1", "t", Axis(Wider, 2), top: 1)).Record.ItemId);
        Assert.Equal("c", Assert.Single(await wider.Reasoning.GetAllAsync("u2", "t")).ItemId);
    }

    [StoreFact]
    public async Task A_rebuild_cut_short_while_backing_up_loses_nothing_and_is_finished_by_the_next_one()
    {
        var storage = await ReadyAsync();
        await UpsertAsync(storage, ("u1", "t", "a"), ("u2", "t", "b"));
        var admin = Admin(storage);
        var records = await admin.ReadAsync();

        await admin.BackUpAsync([records[0]]);

        Assert.True(await admin.IsRebuildInterruptedAsync());
        var pending = await admin.ReadAsync();
        Assert.Equal(["a", "b"], pending.Select(r => r.ItemId));
        await admin.RebuildAsync(pending, [Unit(3), Unit(4)]);
        Assert.False(await admin.IsRebuildInterruptedAsync());
        Assert.Equal("b", Assert.Single(await storage.Reasoning.SearchAsync("u2", "t", Unit(4), top: 1)).Record.ItemId);
    }

    [StoreFact]
    public async Task A_store_without_a_reasoning_collection_has_nothing_to_re_embed()
    {
        var storage = Open(Dimensions);
        _opened.Add(storage);
        var admin = Admin(storage);

        Assert.False(await admin.ExistsAsync());
        Assert.Empty(await admin.ReadAsync());
        Assert.False(await admin.IsRebuildInterruptedAsync());
    }

    private static ReasoningCollectionAdmin Admin(RpmStorage storage)
        => new(storage.VectorStore, ((ReasoningStore)storage.Reasoning).CollectionName);

    private static List<ReasoningRecord> Reembedded(IEnumerable<ReasoningRecord> records, string model, int dimensions)
        => [.. records.Select(r => r with { EmbeddingModel = model, EmbeddingDimensions = dimensions })];

    /// <summary>A unit vector of <paramref name="dimensions"/> floats along axis <paramref name="axis"/>.</summary>
    private static ReadOnlyMemory<float> Axis(int dimensions, int axis)
    {
        var vector = new float[dimensions];
        vector[axis] = 1;
        return vector;
    }
}
