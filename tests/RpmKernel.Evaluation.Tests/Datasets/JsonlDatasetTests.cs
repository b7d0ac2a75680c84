using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Datasets;

public sealed class JsonlDatasetTests
{
    [Fact]
    public async Task Lines_are_grouped_by_user_and_split_with_ids_from_the_line_when_missing()
    {
        var users = await JsonlDataset.ReadAsync(Fixture.Path("own_data.jsonl"), seed: 1).ToListAsync();

        Assert.Equal(["ana", "ben"], users.Select(u => u.Id));
        Assert.Equal((2, 1), (users[0].History.Count, users[0].Targets.Count));
        var ben = users[1].History.Select(h => h.Id).Concat(users[1].Targets.Select(t => t.Id.Split('/')[1])).Order().ToList();
        Assert.Equal(["line-4", "line-6"], ben);
        Assert.All(users.SelectMany(u => u.Targets), t => Assert.NotNull(t.Gold));
    }

    [Fact]
    public async Task A_line_without_a_query_is_named_by_file_and_line()
    {
        using var directory = new TempDirectory();
        var path = directory.File("mine.jsonl");
        File.WriteAllText(path, "{\"user\": \"a\", \"query\": \"q\", \"answer\": \"x\"}\n{\"user\": \"a\", \"answer\": \"y\"}\n");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => JsonlDataset.ReadAsync(path, 1).ToListAsync().AsTask());

        Assert.Contains($"'{path}' line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_named_by_line()
    {
        using var directory = new TempDirectory();
        var path = directory.File("mine.jsonl");
        File.WriteAllText(path, "\n\n{\"user\": \"a\", \"query\": \"q\", \n");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => JsonlDataset.ReadAsync(path, 1).ToListAsync().AsTask());

        Assert.Contains("line 3 is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
