using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Tests.Tasks;

public class TaskProfileParserTests
{
    private const string Source = "my/tags.yaml";

    [Fact]
    public void Parses_a_classification_profile()
    {
        const string yaml = """
            name: tags
            kind: Classification
            description: Tag movies.
            instruction: Pick one tag.
            labels:
              - sci-fi
              - " dark comedy "
            """;

        var profile = TaskProfileParser.Parse(yaml, Source);

        Assert.Equal("tags", profile.Name);
        Assert.Equal(TaskKind.Classification, profile.Kind);
        Assert.Equal("Tag movies.", profile.Description);
        Assert.Equal("Pick one tag.", profile.Instruction);
        Assert.Equal(["sci-fi", "dark comedy"], profile.Labels);
        Assert.Null(profile.MinScore);
        Assert.Null(profile.MaxScore);
    }

    [Fact]
    public void Parses_a_rating_profile_and_ignores_labels_of_other_kinds()
    {
        const string yaml = "name: stars\nkind: RATING\ninstruction: Rate.\nmin_score: 1\nmax_score: 5\nlabels: [a, b]\n";

        var profile = TaskProfileParser.Parse(yaml, Source);

        Assert.Equal(TaskKind.Rating, profile.Kind);
        Assert.Equal(1, profile.MinScore);
        Assert.Equal(5, profile.MaxScore);
        Assert.Empty(profile.Labels);
        Assert.Equal("", profile.Description);
    }

    [Theory]
    [InlineData("opinion", TaskKind.Opinion)]
    [InlineData("generation", TaskKind.Generation)]
    public void Parses_kinds_without_labels_or_scores(string kind, TaskKind expected)
    {
        var profile = TaskProfileParser.Parse($"name: x\nkind: {kind}\ninstruction: Do it.\nmin_score: 1\nmax_score: 2\n", Source);

        Assert.Equal(expected, profile.Kind);
        Assert.Null(profile.MinScore);
        Assert.Empty(profile.Labels);
    }

    [Theory]
    [InlineData("kind: rating\ninstruction: x\nmin_score: 1\nmax_score: 5", "has no 'name'", "name: lamp2")]
    [InlineData("name: x\ninstruction: x", "has no 'kind'", "classification|rating|opinion|generation")]
    [InlineData("name: x\nkind: generation", "has no 'instruction'", "Add an 'instruction:'")]
    [InlineData("name: ~\nkind: generation\ninstruction: x", "has no 'name'", "Add a line")]
    [InlineData("name: x\nkind: regression\ninstruction: x", "unknown kind at line 2", "classification, rating, opinion, generation")]
    [InlineData("name: x\nkind: classification\ninstruction: x", "without labels", "Add 'labels:'")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: []", "without labels", "Add 'labels:'")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: [Comedy, sci-fi, comedy]", "lists label 3 twice: it repeats label 1", "Remove the duplicate")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: comedy", "is not a list", "'- item'")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: [a, '']", "empty or nested item in 'labels'", "non-empty")]
    [InlineData("name: x\nkind: rating\ninstruction: x\nmin_score: 1", "without both 'min_score' and 'max_score'", "max_score: 5")]
    [InlineData("name: x\nkind: rating\ninstruction: x\nmin_score: 5\nmax_score: 5", "min_score 5 not below max_score 5", "smaller")]
    [InlineData("name: x\nkind: rating\ninstruction: x\nmin_score: one\nmax_score: 5", "a 'min_score' at line 4 that is not an integer", "whole number")]
    [InlineData("name: x\nkind: generation\ninstruction: x\nlables: [a]", "unknown key at line 4 (did you mean 'labels'?)", "fix the spelling")]
    [InlineData("name: [x\nkind: generation", "not valid YAML", "Fix the YAML")]
    [InlineData("name: x\n kind: y", "not valid YAML at line 2", "Fix the YAML")]
    [InlineData("name: x\nname: y\nkind: generation\ninstruction: x", "Duplicate key", "each key once")]
    [InlineData("", "is empty", "Write at least")]
    [InlineData("- a\n- b", "not a mapping", "'key: value'")]
    [InlineData("name:\n  first: x\nkind: generation\ninstruction: x", "list or mapping for 'name'", "single text value")]
    public void Invalid_profiles_fail_with_source_problem_and_fix(string yaml, string problem, string fix)
    {
        var error = Assert.Throws<RpmInputException>(() => TaskProfileParser.Parse(yaml, Source));

        Assert.StartsWith($"Task profile '{Source}' ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root: SECRET-MARK-1\nkind: x")]
    [InlineData("name: x\nkind: SECRET-MARK-1\ninstruction: x")]
    [InlineData("name: x\nkind: rating\ninstruction: x\nmin_score: SECRET-MARK-1\nmax_score: 5")]
    [InlineData("name: x\nkind: classification\ninstruction: x\nlabels: [SECRET-MARK-1, secret-mark-1]")]
    [InlineData("SECRET-MARK-1")]
    public void Errors_never_quote_the_text_of_the_file(string yaml)
    {
        var error = Assert.Throws<RpmInputException>(() => TaskProfileParser.Parse(yaml, Source));

        Assert.DoesNotContain("SECRET", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => TaskProfileParser.Parse(null!, Source));
        Assert.Throws<ArgumentException>(() => TaskProfileParser.Parse("name: x", " "));
    }
}
