using System.Linq.Expressions;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Storage.Tests.Sqlite;

public sealed class SqliteFilterTranslatorTests
{
    private static readonly CollectionModel Model = new SqliteModelBuilder().Build(typeof(Doc), typeof(Guid), null, null);

    private readonly string _field = "from-a-field";

    [Fact]
    public void Equality_is_null_safe_and_parameterized()
    {
        var (sql, parameters) = Translate(d => d.Tag == "a");

        Assert.Equal("(\"Tag\" IS @f0)", sql);
        Assert.Equal([new("@f0", "a")], parameters);
    }

    [Fact]
    public void Captured_variables_become_parameters()
    {
        var tag = "b";
        var rank = 7;

        var (sql, parameters) = Translate(d => d.Tag != tag && d.Rank == rank);

        Assert.Equal("((\"Tag\" IS NOT @f0) AND (\"Rank\" IS @f1))", sql);
        Assert.Equal([new("@f0", "b"), new("@f1", 7)], parameters);
    }

    [Fact]
    public void Members_of_this_and_nested_closures_become_parameters()
    {
        var holder = new { Inner = new { Value = "nested" } };

        var (sql, parameters) = Translate(d => d.Tag == _field || d.Tag == holder.Inner.Value);

        Assert.Equal("((\"Tag\" IS @f0) OR (\"Tag\" IS @f1))", sql);
        Assert.Equal(["from-a-field", "nested"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Or_not_and_bool_members_nest_with_explicit_parentheses()
    {
        var (sql, _) = Translate(d => d.Tag == "a" && (d.Flag || !(d.Rank == 1)));

        Assert.Equal("((\"Tag\" IS @f0) AND ((\"Flag\" IS 1) OR (NOT (\"Rank\" IS @f1))))", sql);
    }

    [Fact]
    public void Negated_bool_member_and_bool_comparison()
    {
        Assert.Equal("(NOT (\"Flag\" IS 1))", Translate(d => !d.Flag).Sql);
        var (sql, parameters) = Translate(d => d.Flag == true);
        Assert.Equal("(\"Flag\" IS @f0)", sql);
        Assert.Equal(1L, parameters[0].Value);
    }

    [Fact]
    public void Comparing_with_null_uses_IS_NULL()
    {
        string? nothing = null;

        Assert.Equal("(\"Note\" IS NULL)", Translate(d => d.Note == null).Sql);
        Assert.Equal("(\"Note\" IS NOT NULL)", Translate(d => d.Note != nothing).Sql);
    }

    [Fact]
    public void Guid_and_date_values_use_the_stored_text_form()
    {
        var key = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        var (_, parameters) = Translate(d => d.Key == key && d.When == when);

        Assert.Equal(["0f8fad5b-d9cb-469f-a165-70867728950e", "2025-01-02T01:04:05.0000000+00:00"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Contains_over_a_captured_list_becomes_IN()
    {
        var tags = new List<string> { "a", "b" };

        var (sql, parameters) = Translate(d => tags.Contains(d.Tag));

        Assert.Equal("(\"Tag\" IS NOT NULL AND \"Tag\" IN (@f0, @f1))", sql);
        Assert.Equal(["a", "b"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Contains_over_a_captured_array_and_an_inline_array_becomes_IN()
    {
        string[] tags = ["a", "b", "c"];

        Assert.Equal("(\"Tag\" IS NOT NULL AND \"Tag\" IN (@f0, @f1, @f2))", Translate(d => tags.Contains(d.Tag)).Sql);
        Assert.Equal("(\"Tag\" IS NOT NULL AND \"Tag\" IN (@f0, @f1))", Translate(d => new[] { "x", "y" }.Contains(d.Tag)).Sql);
    }

    [Fact]
    public void Contains_with_null_or_nothing_in_the_list_keeps_CSharp_meaning()
    {
        var withNull = new List<string?> { null, "a" };
        var empty = new List<string>();

        Assert.Equal("(\"Note\" IS NULL OR \"Note\" IN (@f0))", Translate(d => withNull.Contains(d.Note)).Sql);
        Assert.Equal("(\"Tag\" IS NOT NULL AND 0)", Translate(d => empty.Contains(d.Tag)).Sql);
    }

    [Theory]
    [MemberData(nameof(UnsupportedFilters))]
    public void Anything_else_is_not_supported_and_says_what_is(Expression<Func<Doc, bool>> filter)
    {
        var ex = Assert.Throws<NotSupportedException>(() => SqliteFilterTranslator.Translate(filter, Model));

        Assert.Contains("cannot be translated to SQL", ex.Message);
        Assert.Contains("list.Contains(r.Property)", ex.Message);
    }

    public static TheoryData<Expression<Func<Doc, bool>>> UnsupportedFilters() => new()
    {
        d => d.Tag.Contains("xy"),
        d => d.Rank > 3,
        d => d.Tag.Trim() == "a",
        d => d.Tag == Compute(),
        d => d.Tag.Length == 1,
    };

    [Fact]
    public void Contains_over_a_value_computed_from_the_record_is_not_supported()
    {
        Assert.Throws<NotSupportedException>(() => Translate(d => d.Tag.ToCharArray().Contains('a')));
    }

    private static string Compute() => "a";

    private static SqliteFilter Translate(Expression<Func<Doc, bool>> filter) => SqliteFilterTranslator.Translate(filter, Model);
}
