using RpmKernel.Cli.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Scores_official_files_with_the_official_metrics_and_needs_no_model()
    {
        var golds = Write("golds.json", """{"task": "LaMP_2", "golds": [{"id": "1", "output": "comedy"}, {"id": "2", "output": "action"}, {"id": "3", "output": "romance"}, {"id": "4", "output": "action"}]}""");
        var predictions = Write("predictions.json", """{"task": "LaMP_2", "golds": [{"id": "4", "output": "comedy"}, {"id": "1", "output": "comedy"}, {"id": "3", "output": "Romance"}, {"id": "2", "output": "action"}]}""");

        var result = await RunWithoutModelAsync("score", "--task", "lamp2", "--golds", golds, "--predictions", predictions, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Correct: ids 1 and 2 (case matters) → 0.5. comedy TP1 FP1 → 2/3, action TP1 FN1 → 2/3,
        // romance FN1 → 0, the other 12 tags 0: macro-F1 = (4/3) / 15.
        Assert.Equal(4, result.Json["examples"]!.GetValue<int>());
        Assert.Equal(0.5, result.Json["metrics"]!["accuracy"]!.GetValue<double>(), 10);
        Assert.Equal(4.0 / 3 / 15, result.Json["metrics"]!["f1"]!.GetValue<double>(), 10);
    }

    [Fact]
    public async Task Text_output_is_one_line_with_the_metrics()
    {
        var golds = Write("golds.json", """{"task": "LaMP_3", "golds": [{"id": "a", "output": "2"}, {"id": "b", "output": "5"}]}""");
        var predictions = Write("predictions.json", """{"task": "LaMP_3", "golds": [{"id": "a", "output": "none"}, {"id": "b", "output": "4"}]}""");

        var result = await RunWithoutModelAsync("score", "--task", "lamp3", "--golds", golds, "--predictions", predictions);

        // a: not a number, gold 2 → 5 (error 3); b: error 1. MAE 2, RMSE sqrt(5).
        Assert.Equal("lamp3: 2 examples; mae 2.0000, rmse 2.2361", result.Stdout.Trim());
    }

    [Fact]
    public async Task Mismatched_ids_are_refused_with_exit_2_and_the_ids_named()
    {
        var golds = Write("golds.json", """{"task": "LaMP_2", "golds": [{"id": "1", "output": "comedy"}, {"id": "2", "output": "action"}]}""");
        var predictions = Write("predictions.json", """{"task": "LaMP_2", "golds": [{"id": "1", "output": "comedy"}, {"id": "9", "output": "action"}]}""");

        var result = await RunWithoutModelAsync("score", "--task", "lamp2", "--golds", golds, "--predictions", predictions);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: The predictions and golds hold different ids", line, StringComparison.Ordinal);
        Assert.Contains("(2)", line, StringComparison.Ordinal);
        Assert.Contains("(9)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golds_of_another_task_are_refused()
    {
        var golds = Write("golds.json", """{"task": "LaMP_3", "golds": [{"id": "1", "output": "3"}]}""");

        var result = await RunWithoutModelAsync("score", "--task", "lamp2", "--golds", golds, "--predictions", golds);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'LaMP_3'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_predictions_file_names_the_file_and_path()
    {
        var golds = Write("golds.json", """{"task": "LaMP_2", "golds": [{"id": "1", "output": "comedy"}]}""");
        var predictions = Write("predictions.json", """{"task": "LaMP_2", "golds": [{"output": "comedy"}]}""");

        var result = await RunWithoutModelAsync("score", "--task", "lamp2", "--golds", golds, "--predictions", predictions);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(predictions, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("$.golds[0].id", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<CliResult> RunWithoutModelAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        var code = await CliApp.RunAsync(args, stdout, stderr, environment);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
