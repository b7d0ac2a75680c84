namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>Translated filters run against a real table return what the C# predicate would.</summary>
public sealed class SqliteFilterQueryTests
{
    private static readonly Doc[] Docs =
    [
        Doc.Create(1, "a", flag: true, note: "x"),
        Doc.Create(2, "a", flag: false, note: null),
        Doc.Create(3, "b", flag: true, note: "y"),
        Doc.Create(4, "c", flag: false, note: "x"),
    ];

    [Fact]
    public async Task Filters_select_the_same_records_as_the_CSharp_predicate()
    {
        using var t = await SqliteTestStore.CreateAsync(Docs);
        var tags = new List<string> { "a", "c" };

        Assert.Equal([1, 2], await Ranks(t, d => d.Tag == "a"));
        Assert.Equal([3, 4], await Ranks(t, d => d.Tag != "a"));
        Assert.Equal([1, 3], await Ranks(t, d => d.Flag));
        Assert.Equal([2, 4], await Ranks(t, d => !d.Flag));
        Assert.Equal([2], await Ranks(t, d => d.Note == null));
        Assert.Equal([2, 3], await Ranks(t, d => d.Note != "x"));
        Assert.Equal([1, 2, 4], await Ranks(t, d => tags.Contains(d.Tag)));
        Assert.Equal([3], await Ranks(t, d => !tags.Contains(d.Tag)));
        Assert.Equal([1, 4], await Ranks(t, d => (d.Tag == "a" && d.Flag) || d.Tag == "c"));
    }

    [Fact]
    public async Task Values_that_look_like_SQL_are_only_data()
    {
        using var t = await SqliteTestStore.CreateAsync(Docs);
        var hostile = "a' OR '1'='1";

        Assert.Empty(await Ranks(t, d => d.Tag == hostile));
        Assert.Equal(4, (await Ranks(t, d => true)).Count);
    }

    private static async Task<List<int>> Ranks(SqliteTestStore t, System.Linq.Expressions.Expression<Func<Doc, bool>> filter)
        => [.. (await t.Docs.GetAsync(filter, 100).Select(d => d.Rank).ToListAsync()).Order()];
}
