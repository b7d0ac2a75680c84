using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Datasets;

namespace RpmKernel.Evaluation.Tests.Datasets;

/// <summary>The per-task LaMP field mapping shared by <c>rpmk eval</c> and <c>rpmk ingest --format lamp</c>.</summary>
public sealed class LampTaskFieldsTests
{
    private const string Path = "lamp.json";

    [Theory]
    [InlineData("lamp2", "description", "tag")]
    [InlineData("lamp3", "text", "score")]
    [InlineData("lamp5", "abstract", "title")]
    public void Each_lamp_task_names_its_query_and_answer_fields(string task, string query, string answer)
    {
        Assert.True(LampTaskFields.TryFor(task, out var fields));
        Assert.Equal(new LampTaskFields(query, answer), fields);
    }

    [Fact]
    public void A_task_without_a_profile_mapping_is_refused()
    {
        Assert.False(LampTaskFields.TryFor("goqa", out var fields));
        Assert.Null(fields);
        Assert.Contains("not as task 'goqa'", Assert.Throws<RpmInputException>(() => LampTaskFields.For("goqa")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_becomes_history_items_in_profile_order()
    {
        var entry = Entry(Item("p2", "description", "A heist goes wrong.", "tag", "crime"), Item("p1", "description", "Two robots fall in love.", "tag", "romance"));

        var history = LampTaskFields.For("lamp2").History(entry, 0, Path);

        Assert.Equal(["p2", "p1"], history.Select(h => h.Id));
        Assert.Equal(("Two robots fall in love.", "romance"), (history[1].Query, history[1].Answer));
    }

    [Fact]
    public void A_missing_answer_field_is_named_by_its_json_path()
    {
        var entry = Entry(Item("p1", "text", "Fine.", "score", "4"), Item("p2", "text", "Broke at once.", "score", " "));

        var error = Assert.Throws<RpmInputException>(() => LampTaskFields.For("lamp3").History(entry, 7, Path));

        Assert.Contains($"LaMP file '{Path}': $[7].profile[1].score is missing or empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_profile_item_id_is_named_with_the_first_one()
    {
        var entry = Entry(Item("p1", "abstract", "a", "title", "t"), Item("p2", "abstract", "b", "title", "u"), Item("p1", "abstract", "c", "title", "v"));

        var error = Assert.Throws<RpmInputException>(() => LampTaskFields.For("lamp5").History(entry, 2, Path));

        Assert.Contains("$[2].profile[2].id 'p1' repeats the id of $[2].profile[0]", error.Message, StringComparison.Ordinal);
    }

    private static LampEntry Entry(params LampProfileItem[] profile) => new("u1", "the target query", profile);

    private static LampProfileItem Item(string id, string queryField, string query, string answerField, string answer) =>
        new(id, new Dictionary<string, string> { [queryField] = query, [answerField] = answer });
}
