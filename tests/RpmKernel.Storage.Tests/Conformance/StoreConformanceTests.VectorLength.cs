namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// A record whose embedding length is not the reasoning collection's dimension is refused on every
/// backend, naming both lengths, the embedding model and the way out, and nothing is written.
/// </summary>
public abstract partial class StoreConformanceTests
{
    [StoreFact]
    public async Task A_record_whose_embedding_has_another_length_is_refused_naming_both_lengths_and_the_model()
    {
        var storage = await ReadyAsync();

        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() =>
            storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "a"), TestRecords.Record("u1", "t", "b")], [Unit(0), new float[Dimensions - 3]]));

        Assert.Contains($"{Dimensions - 3}-dimensional", ex.Message);
        Assert.Contains($"{Dimensions}-dimensional", ex.Message);
        Assert.Contains("all-MiniLM-L6-v2", ex.Message);
        Assert.Contains("rpmk reindex", ex.Message);
        Assert.Contains("switch back", ex.Message);
        Assert.Equal((Dimensions, Dimensions - 3), (ex.StoredDimensions, ex.OpenedDimensions));
        Assert.Empty(await storage.Reasoning.GetAllAsync("u1", "t"));
    }

    [StoreFact]
    public async Task A_writer_still_on_the_old_model_after_another_process_rebuilt_the_collection_is_refused_on_write()
    {
        var writer = await ReadyAsync();
        await UpsertAsync(writer, ("u1", "t", "a"));
        var rebuilding = Open(Wider);
        _opened.Add(rebuilding);
        var admin = Admin(rebuilding);
        var records = await admin.ReadAsync();
        await admin.RebuildAsync(Reembedded(records, "model-2", Wider), [Axis(Wider, 0)]);

        var ex = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() =>
            writer.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "b")], [Unit(1)]));

        Assert.Contains($"{Dimensions}-dimensional", ex.Message);
        Assert.Contains($"{Wider}-dimensional", ex.Message);
        Assert.Contains("all-MiniLM-L6-v2", ex.Message);
        Assert.Contains("rpmk reindex", ex.Message);
        Assert.Equal((Wider, Dimensions), (ex.StoredDimensions, ex.OpenedDimensions));
        await rebuilding.EnsureReadyAsync();
        Assert.Equal(["a"], (await rebuilding.Reasoning.GetAllAsync("u1", "t")).Select(r => r.ItemId));
    }
}
