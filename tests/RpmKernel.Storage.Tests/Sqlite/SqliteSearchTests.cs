using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteSearchTests
{
    [Fact]
    public async Task Filtered_top_k_equals_a_brute_force_cosine_ranking()
    {
        var random = new Random(1234);
        var docs = Enumerable.Range(1, 300).Select(n => Doc.Create(n, n % 3 == 0 ? "a" : "b", VectorMath.Random(random, 3))).ToArray();
        var query = VectorMath.Random(random, 3);
        using var t = await SqliteTestStore.CreateAsync(docs);

        var expected = docs.Where(d => d.Tag == "a")
            .Select(d => (d.Key, Score: VectorMath.Cosine(query, d.Vector!.Value.ToArray())))
            .OrderByDescending(x => x.Score)
            .Take(10)
            .ToList();
        var actual = await t.Docs.SearchAsync(new ReadOnlyMemory<float>(query), 10, new() { Filter = d => d.Tag == "a" }).ToListAsync();

        Assert.Equal(expected.Select(x => x.Key), actual.Select(r => r.Record.Key));
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Score, p.Second.Score!.Value, 5));
    }

    [Fact]
    public async Task Skip_pages_through_the_ranking()
    {
        var random = new Random(99);
        var docs = Enumerable.Range(1, 50).Select(n => Doc.Create(n, "a", VectorMath.Random(random, 3))).ToArray();
        var query = VectorMath.Random(random, 3);
        using var t = await SqliteTestStore.CreateAsync(docs);

        var ranking = docs.OrderByDescending(d => VectorMath.Cosine(query, d.Vector!.Value.ToArray())).Select(d => d.Key).ToList();
        var page = await t.Docs.SearchAsync(query, 4, new() { Skip = 3 }).Select(r => r.Record.Key).ToListAsync();

        Assert.Equal(ranking.Skip(3).Take(4), page);
    }

    [Fact]
    public async Task Scores_are_cosine_similarities_best_first()
    {
        // Against (1, 0, 0): same direction 1, 45 degrees 1/sqrt(2), orthogonal 0, opposite -1.
        using var t = await SqliteTestStore.CreateAsync(
            Doc.Create(1, "a", [0, 2, 0]),
            Doc.Create(2, "a", [-3, 0, 0]),
            Doc.Create(3, "a", [5, 0, 0]),
            Doc.Create(4, "a", [1, 1, 0]));

        var results = await t.Docs.SearchAsync(new Embedding<float>(new float[] { 1, 0, 0 }), 10).ToListAsync();

        Assert.Equal([3, 4, 1, 2], results.Select(r => r.Record.Rank));
        Assert.Equal([1, Math.Sqrt(0.5), 0, -1], results.Select(r => r.Score!.Value), new RoundedComparer());
    }

    [Fact]
    public async Task Score_threshold_drops_weaker_matches()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a", [1, 0, 0]), Doc.Create(2, "a", [1, 1, 0]), Doc.Create(3, "a", [0, 1, 0]));

        var results = await t.Docs.SearchAsync(new float[] { 1, 0, 0 }, 10, new() { ScoreThreshold = 0.5 }).Select(r => r.Record.Rank).ToListAsync();

        Assert.Equal([1, 2], results);
    }

    [Fact]
    public async Task Records_without_a_vector_or_with_a_zero_vector_are_never_returned()
    {
        var noVector = Doc.Create(2, "a");
        noVector.Vector = null;
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a", [1, 0, 0]), noVector, Doc.Create(3, "a", [0, 0, 0]));

        var results = await t.Docs.SearchAsync(new float[] { 1, 0, 0 }, 10).Select(r => r.Record.Rank).ToListAsync();

        Assert.Equal([1], results);
    }

    [Fact]
    public async Task IncludeVectors_returns_the_stored_vector()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a", [0.25f, 0.5f, -2]));

        var with = Assert.Single(await t.Docs.SearchAsync(new float[] { 1, 1, 1 }, 1, new() { IncludeVectors = true }).ToListAsync());
        var without = Assert.Single(await t.Docs.SearchAsync(new float[] { 1, 1, 1 }, 1).ToListAsync());

        Assert.Equal([0.25f, 0.5f, -2f], with.Record.Vector!.Value.ToArray());
        Assert.Null(without.Record.Vector);
    }

    [Fact]
    public async Task Searching_an_empty_collection_returns_nothing()
    {
        using var t = await SqliteTestStore.CreateAsync();

        Assert.Empty(await t.Docs.SearchAsync(new float[] { 1, 0, 0 }, 5).ToListAsync());
    }

    [Fact]
    public async Task A_query_of_the_wrong_dimension_is_rejected_naming_both_sizes()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => t.Docs.SearchAsync(new float[] { 1, 0 }, 5).ToListAsync().AsTask());

        Assert.Contains("2 dimensions", ex.Message);
        Assert.Contains("3-dimensional", ex.Message);
    }

    [Fact]
    public async Task Text_input_without_an_embedding_generator_is_not_supported()
    {
        using var t = await SqliteTestStore.CreateAsync(Doc.Create(1, "a"));

        await Assert.ThrowsAsync<NotSupportedException>(() => t.Docs.SearchAsync("some text", 5).ToListAsync().AsTask());
    }

    [Fact]
    public async Task Top_must_be_positive()
    {
        using var t = await SqliteTestStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Docs.SearchAsync(new float[] { 1, 0, 0 }, 0).ToListAsync().AsTask());
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
