using RpmKernel.Core.Errors;
using RpmKernel.Core.Tasks;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Gates;
using RpmKernel.Evaluation.Reports;
using RpmKernel.Evaluation.Running;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Gates;

public sealed class RegressionGateTests : IDisposable
{
    private static readonly TaskProfile s_tags = new() { Name = "lamp2", Kind = TaskKind.Classification, Instruction = "tag", Labels = ["a", "b"] };
    private static readonly TaskProfile s_ratings = new() { Name = "lamp3", Kind = TaskKind.Rating, Instruction = "rate" };
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_user_getting_worse_fails_and_names_the_metric_and_the_drop()
    {
        var gate = await CheckAsync(s_tags, golds: ["a", "a", "b", "b"], baseline: ["a", "a", "b", "b"], current: ["b", "b", "a", "a"], ("accuracy", 0.02));

        var check = Assert.Single(gate.Checks);
        Assert.False(gate.Passed);
        Assert.Equal((1.0, 0.0, 1.0), (check.Baseline, check.Current, check.Drop));
        Assert.Equal([1.0, 1.0], check.Ci95);
        Assert.Contains("rpm accuracy dropped by 1.0000", RegressionGate.Describe(check), StringComparison.Ordinal);
        Assert.Contains("allowed 0.0200", RegressionGate.Describe(check), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_answers_pass_even_with_no_drop_allowed()
    {
        var gate = await CheckAsync(s_tags, golds: ["a", "b"], baseline: ["a", "a"], current: ["a", "a"], ("accuracy", 0));

        Assert.True(gate.Passed);
        Assert.Equal([0.0, 0.0], Assert.Single(gate.Checks).Ci95);
    }

    [Fact]
    public async Task Users_trading_places_is_noise_and_passes()
    {
        // One user gets better, one worse: the drop is 0 and its interval spans -1 to 1.
        var gate = await CheckAsync(s_tags, golds: ["a", "b"], baseline: ["a", "a"], current: ["b", "b"], ("accuracy", 0));

        var check = Assert.Single(gate.Checks);
        Assert.True(gate.Passed);
        Assert.Equal(0, check.Drop, 12);
        Assert.True(check.Ci95[0] < 0 && check.Ci95[1] > 0);
    }

    [Fact]
    public async Task A_higher_error_is_a_drop_for_mae()
    {
        var gate = await CheckAsync(s_ratings, golds: ["3", "4", "2"], baseline: ["3", "4", "2"], current: ["4", "5", "1"], ("mae", 0.5));

        var check = Assert.Single(gate.Checks);
        Assert.False(gate.Passed);
        Assert.Equal(1, check.Drop, 12);
        Assert.Contains("mae rose (lower is better) by 1.0000", RegressionGate.Describe(check), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drop_within_the_allowance_passes()
    {
        var gate = await CheckAsync(s_ratings, golds: ["3", "4"], baseline: ["3", "4"], current: ["4", "5"], ("mae", 1));

        Assert.True(gate.Passed);
    }

    [Fact]
    public async Task A_metric_the_task_does_not_measure_is_refused_with_the_ones_it_does()
    {
        var error = await Assert.ThrowsAsync<RpmInputException>(() => CheckAsync(s_tags, ["a"], ["a"], ["a"], ("mae", 0.1)));

        Assert.Contains("its metrics are accuracy, f1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_of_other_queries_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpmInputException>(() => CheckAsync(s_tags, ["a", "b"], ["a"], ["a", "b"], ("accuracy", 0)));

        Assert.Contains("has no prediction for query 't1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_drop_without_a_gate_and_a_gate_without_max_drop_are_refused()
    {
        var options = new EvalOptions { Task = "lamp2", Questions = "q.json" };

        Assert.Contains("needs --gate", Assert.Throws<RpmInputException>(() => RegressionGate.Validate(options with { MaxDrop = new Dictionary<string, double> { ["accuracy"] = 0.1 } })).Message, StringComparison.Ordinal);
        Assert.Contains("needs at least one --max-drop", Assert.Throws<RpmInputException>(() => RegressionGate.Validate(options with { Gate = "report.json" })).Message, StringComparison.Ordinal);
    }

    private async Task<GateReport> CheckAsync(TaskProfile task, string[] golds, string[] baseline, string[] current, (string Metric, double Max) drop)
    {
        var folder = _directory.File("baseline");
        Directory.CreateDirectory(Path.Combine(folder, "predictions"));
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), """{"methods": [{"method": "rpm", "predictionsFile": "predictions/rpm.json"}]}""");
        await OfficialOutputsFile.WriteAsync(Path.Combine(folder, "predictions", "rpm.json"),
            new OfficialOutputs("LaMP_2", baseline.Select((o, i) => new OfficialOutput($"t{i}", o)).ToList()));

        // One target per user.
        var users = golds.Select((g, i) => new EvaluatedUser(i, $"u{i}", [($"t{i}", (string?)g)])).ToList();
        var outputs = current.Select((o, i) => (Id: $"t{i}", Output: o)).ToDictionary(x => x.Id, x => x.Output);
        var row = new MethodRow { Method = "rpm", Prompts = [], Predictions = golds.Length, Failed = 0, Metrics = new Dictionary<string, double>(), Calls = 0, InputTokens = 0, OutputTokens = 0, PredictionsFile = "predictions/rpm.json" };
        var report = new EvalReport
        {
            Task = task.Name,
            Questions = "q.json",
            Model = "m",
            Seed = 1,
            TopK = 2,
            Users = users.Count,
            Queries = users.Count,
            MetricNames = [],
            Methods = [row],
            Preprocessing = new PreprocessingUsage(0, 0, 0, 0, 0, 0),
        };
        var run = new VariantRun(report, task, users, new Dictionary<string, IReadOnlyDictionary<string, string>> { ["rpm"] = outputs });
        var options = new EvalOptions
        {
            Task = task.Name,
            Questions = "q.json",
            Gate = Path.Combine(folder, "report.json"),
            MaxDrop = new Dictionary<string, double> { [drop.Metric] = drop.Max },
            Resamples = 2000,
        };
        return await RegressionGate.CheckAsync(run, options, progress: null, CancellationToken.None);
    }
}
