using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Datasets;

public sealed class LampDatasetTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Each_entry_is_a_user_whose_profile_is_the_history_and_whose_input_is_the_target()
    {
        var users = await LampDataset.ReadAsync("lamp2", Fixture.Path("lamp2_questions.json"), Fixture.Path("lamp2_outputs.json")).ToListAsync();

        Assert.Equal(["110", "111", "112"], users.Select(u => u.Id));
        var first = users[0];
        Assert.Equal(5, first.History.Count);
        Assert.Equal(("1102", "dark comedy"), (first.History[2].Id, first.History[2].Answer));
        Assert.StartsWith("A hired killer", first.History[2].Query, StringComparison.Ordinal);
        var target = Assert.Single(first.Targets);
        Assert.Equal("110", target.Id);
        Assert.Equal("dystopia", target.Gold);
        Assert.EndsWith("controls the weather.", target.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lamp3_scores_become_answers_and_without_outputs_there_is_no_gold()
    {
        var user = Assert.Single(await LampDataset.ReadAsync("lamp3", Fixture.Path("lamp3_questions.json"), null).ToListAsync());

        Assert.Equal(["5", "1", "3"], user.History.Select(h => h.Answer));
        Assert.Null(user.Targets[0].Gold);
    }

    [Fact]
    public async Task The_reader_yields_entries_before_the_file_ends()
    {
        // A broken tail must not stop the entries before it from being read: the file is streamed.
        var path = Write("[{\"id\": \"u1\", \"input\": \"q\", \"profile\": []}, {\"id\": ");
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<RpmInputException>(async () =>
        {
            await foreach (var entry in LampQuestionsReader.ReadAsync(path))
            {
                seen.Add(entry.Id);
            }
        });

        Assert.Equal(["u1"], seen);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_item_without_id_is_named_by_its_json_path()
    {
        var path = Write("""
            [
              {"id": "u1", "input": "q", "profile": [{"id": "p1", "description": "d", "tag": "comedy"}]},
              {"id": "u2", "input": "q", "profile": [{"id": "p1", "description": "d", "tag": "comedy"}, {"description": "d", "tag": "action"}]}
            ]
            """);

        var error = await Assert.ThrowsAsync<RpmInputException>(() => LampQuestionsReader.ReadAsync(path).ToListAsync().AsTask());

        Assert.Contains("$[1].profile[1].id", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_entry_id_names_the_entry_it_repeats()
    {
        var path = Write("""
            [
              {"id": "u1", "input": "q", "profile": []},
              {"id": "u2", "input": "q", "profile": []},
              {"id": "u1", "input": "q", "profile": []}
            ]
            """);

        var error = await Assert.ThrowsAsync<RpmInputException>(() => LampQuestionsReader.ReadAsync(path).ToListAsync().AsTask());

        Assert.Contains("$[2].id 'u1' repeats the id of $[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_json_is_reported_with_its_line()
    {
        var path = Write("[\n{\"id\": \"u1\",\n \"input\": \"q\" \"profile\": []}\n]");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => LampQuestionsReader.ReadAsync(path).ToListAsync().AsTask());

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_array_is_refused_with_the_expected_shape()
    {
        var error = await Assert.ThrowsAsync<RpmInputException>(() => LampQuestionsReader.ReadAsync(Write("{\"id\": \"u1\"}")).ToListAsync().AsTask());

        Assert.Contains("not a JSON array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_missing_from_the_outputs_file_is_refused()
    {
        var outputs = Write("{\"task\": \"LaMP_2\", \"golds\": [{\"id\": \"110\", \"output\": \"dystopia\"}]}");

        var error = await Assert.ThrowsAsync<RpmInputException>(() =>
            LampDataset.ReadAsync("lamp2", Fixture.Path("lamp2_questions.json"), outputs).ToListAsync().AsTask());

        Assert.Contains("'111'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_task_for_the_file_names_the_missing_field()
    {
        var error = await Assert.ThrowsAsync<RpmInputException>(() =>
            LampDataset.ReadAsync("lamp3", Fixture.Path("lamp2_questions.json"), null).ToListAsync().AsTask());

        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outputs_file_with_a_duplicate_id_is_refused_with_its_path()
    {
        var path = Write("{\"task\": \"LaMP_2\", \"golds\": [{\"id\": \"a\", \"output\": \"x\"}, {\"id\": \"a\", \"output\": \"y\"}]}");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => OfficialOutputsFile.ReadAsync(path));

        Assert.Contains("$.golds[1].id", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private string Write(string content)
    {
        var path = _directory.File(Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
