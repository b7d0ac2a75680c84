using RpmKernel.Core.Answers;
using RpmKernel.Core.Errors;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Datasets;

public sealed class GoqaDatasetTests
{
    [Fact]
    public async Task Each_country_is_a_user_answering_with_its_highest_share_option()
    {
        var users = await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), seed: 7).ToListAsync();

        // Chile's only row has 3 shares for 2 options, so it has no answers and is no user.
        Assert.Equal(["Brazil", "Japan", "Nigeria"], users.Select(u => u.Id));
        var brazil = users[0].History.Concat(users[0].Targets.Select(t => new Core.History.HistoryItem(t.Id.Split('/')[1], t.Query, t.Gold!)))
            .ToDictionary(i => i.Id, i => i.Answer);
        Assert.Equal("Yes", brazil["q0"]);
        Assert.Equal("Somewhat", brazil["q1"]);
        Assert.Equal("No", brazil["q3"]);
    }

    [Fact]
    public async Task A_suffixed_country_name_is_the_same_user_and_the_bare_name_wins_within_a_question()
    {
        var nigeria = (await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), seed: 7).ToListAsync()).Single(u => u.Id == "Nigeria");
        var answers = nigeria.History.Select(h => (h.Id, h.Answer)).Concat(nigeria.Targets.Select(t => (t.Id.Split('/')[1], t.Gold!))).ToDictionary();

        Assert.Equal(5, answers.Count);
        Assert.Equal("No", answers["q0"]);          // only "Nigeria (Non-national sample)" answered
        Assert.Equal("A lot", answers["q1"]);       // bare "Nigeria" [0.6, ...] beats the suffixed [.., 0.8]
        Assert.Equal("Yes", answers["q3"]);         // a tie goes to the first option
        Assert.Equal("Nigeria", GoqaDataset.CountryName("Nigeria (Non-national sample)"));
    }

    [Fact]
    public async Task The_split_is_deterministic_per_seed_and_holds_out_a_fifth()
    {
        var a = await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), seed: 3).ToListAsync();
        var b = await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), seed: 3).ToListAsync();

        Assert.Equal(a.SelectMany(u => u.Targets.Select(t => t.Id)), b.SelectMany(u => u.Targets.Select(t => t.Id)));
        Assert.All(a, u => Assert.Equal((1, 4), (u.Targets.Count, u.History.Count)));
        Assert.All(a, u => Assert.DoesNotContain(u.History, h => u.Targets.Any(t => t.Id.EndsWith("/" + h.Id, StringComparison.Ordinal))));
        var seeds = Enumerable.Range(0, 20).Select(async s => string.Join(",", (await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), s).ToListAsync()).Select(u => u.Targets[0].Id)));
        Assert.True((await Task.WhenAll(seeds)).Distinct().Count() > 1, "different seeds should give different splits");
    }

    [Fact]
    public async Task The_query_lists_the_options_so_the_answer_parser_can_check_them()
    {
        var brazil = (await GoqaDataset.ReadAsync(Fixture.Path("global_opinions.csv"), seed: 7).ToListAsync())[0];
        var query = brazil.History.Concat(brazil.Targets.Select(t => new Core.History.HistoryItem(t.Id, t.Query, t.Gold!))).First(i => i.Query.Contains("inequality", StringComparison.Ordinal)).Query;

        Assert.Equal(["Yes", "No", "Don't know"], OpinionOptions.Extract(query).Select(o => o.Text));
        Assert.Contains("How much do you trust\nthe national press?", brazil.History.Concat(brazil.Targets.Select(t => new Core.History.HistoryItem(t.Id, t.Query, t.Gold!))).Select(i => i.Query).First(q => q.Contains("trust", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_options_field_is_reported_with_file_line_and_column()
    {
        using var directory = new TempDirectory();
        var path = directory.File("global_opinions.csv");
        File.WriteAllText(path, "question,selections,options,source\n\"Q1?\",\"defaultdict(<class 'list'>, {'Peru': [1.0]})\",\"['Yes']\",X\n\"Q2?\",\"defaultdict(<class 'list'>, {'Peru': [1.0]})\",\"['Yes'\",X\n");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => GoqaDataset.ReadAsync(path, 1).ToListAsync().AsTask());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'options'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_the_selections_column_is_refused()
    {
        using var directory = new TempDirectory();
        var path = directory.File("global_opinions.csv");
        File.WriteAllText(path, "question,options\n\"Q?\",\"['Yes']\"\n");

        var error = await Assert.ThrowsAsync<RpmInputException>(() => GoqaDataset.ReadAsync(path, 1).ToListAsync().AsTask());

        Assert.Contains("'selections'", error.Message, StringComparison.Ordinal);
    }
}
