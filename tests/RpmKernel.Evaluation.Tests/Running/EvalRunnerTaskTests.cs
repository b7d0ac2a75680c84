using RpmKernel.Evaluation.Datasets;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;

namespace RpmKernel.Evaluation.Tests.Running;

public sealed class EvalRunnerTaskTests
{
    [Theory]
    [InlineData("lamp3", "mae", "rmse", "LaMP_3")]
    [InlineData("lamp5", "rouge-1", "rouge-L", "LaMP_5")]
    public async Task Each_lamp_task_is_scored_with_its_official_metrics(string task, string first, string second, string officialName)
    {
        await using var host = await EvalTestHost.StartAsync();
        var options = new EvalOptions
        {
            Task = task,
            Questions = Fixture.Path($"{task}_questions.json"),
            Outputs = Fixture.Path($"{task}_outputs.json"),
            OutputDirectory = host.Output,
            Methods = [MethodCatalog.ZeroShot, MethodCatalog.RagBm25],
        };

        var report = await EvalRunner.RunAsync(host.Options(), options);

        Assert.Equal([first, second], report.MetricNames);
        Assert.All(report.Methods, m => Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), m.Metrics.Keys.Order(StringComparer.Ordinal)));
        var predictions = await OfficialOutputsFile.ReadAsync(Path.Combine(host.Output, "predictions", "rag-bm25.json"));
        Assert.Equal(officialName, predictions.Task);
        Assert.All(predictions.Golds, p => Assert.False(string.IsNullOrWhiteSpace(p.Output)));
    }

    [Fact]
    public async Task A_user_whose_history_cannot_be_ingested_fails_only_the_rpm_answers()
    {
        await using var host = await EvalTestHost.StartAsync();
        var questions = host.Directory.File("questions.json");
        await File.WriteAllTextAsync(questions, """
            [{"id": "u1", "input": "A heist in a future megacity.", "profile": []},
             {"id": "u2", "input": "A love story in Paris.", "profile": [{"id": "p1", "description": "Two strangers meet on a train.", "tag": "romance"}]}]
            """);
        var options = new EvalOptions { Task = "lamp2", Questions = questions, OutputDirectory = host.Output, Methods = [MethodCatalog.ZeroShot, MethodCatalog.Rpm] };

        var report = await EvalRunner.RunAsync(host.Options(), options);

        var zeroShot = report.Methods.Single(m => m.Method == MethodCatalog.ZeroShot);
        var rpm = report.Methods.Single(m => m.Method == MethodCatalog.Rpm);
        Assert.Equal((2, 0), (zeroShot.Predictions, zeroShot.Failed));
        Assert.Equal((1, 1), (rpm.Predictions, rpm.Failed));
        Assert.Contains("u1", rpm.FirstError, StringComparison.Ordinal);
        Assert.Empty(report.MetricNames);   // no --outputs: predictions are written, not scored
    }

    [Fact]
    public async Task Rpm_surface_gives_the_generator_the_record_nearest_by_query_text()
    {
        await using var host = await EvalTestHost.StartAsync();
        var questions = host.Directory.File("questions.json");
        await File.WriteAllTextAsync(questions, """
            [{"id": "u1", "input": "The red fox jumps over the lazy cat at night.", "profile": [
              {"id": "p1", "description": "A quantum physicist travels back in time.", "tag": "sci-fi"},
              {"id": "p2", "description": "The red fox jumps over the lazy dog at night.", "tag": "comedy"},
              {"id": "p3", "description": "Two sisters inherit a haunted vineyard.", "tag": "fantasy"},
              {"id": "p4", "description": "A boxer trains for one final fight.", "tag": "action"}]}]
            """);
        var options = new EvalOptions { Task = "lamp2", Questions = questions, OutputDirectory = host.Output, Methods = [MethodCatalog.RpmSurface], TopK = 1 };

        var report = await EvalRunner.RunAsync(host.Options(), options);

        Assert.Equal(1, report.Methods[0].Predictions);
        var generate = Assert.Single(host.Server.ChatRequests, r => r.SchemaName() == "personalized_answer");
        Assert.Contains("Query: The red fox jumps over the lazy dog at night.", generate.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("quantum physicist", generate.Body, StringComparison.Ordinal);
    }
}
