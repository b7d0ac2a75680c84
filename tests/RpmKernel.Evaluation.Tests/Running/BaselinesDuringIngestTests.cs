using System.Collections.Concurrent;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;

namespace RpmKernel.Evaluation.Tests.Running;

/// <summary>
/// A user's baselines need no ingest, so they answer while that user's ingest is with the model; the RPM
/// methods still answer after it, and every prediction and its calls are those of the methods run alone.
/// </summary>
public sealed class BaselinesDuringIngestTests
{
    [Fact]
    public async Task The_baselines_are_asked_while_the_ingest_calls_are_still_with_the_model()
    {
        await using var host = await EvalTestHost.StartAsync();

        // Each feature-extraction reply is held until a baseline request has arrived (or a generous time
        // passes, so an evaluator that answers the baselines only after the ingest fails instead of hanging).
        using var baselineAsked = new ManualResetEventSlim();
        var held = new ConcurrentQueue<bool>();
        host.Server.Respond(request =>
        {
            if (request.IsStage("zero_shot"))
            {
                baselineAsked.Set();
            }
            else if (request.IsStage("extracted_features"))
            {
                held.Enqueue(baselineAsked.Wait(TimeSpan.FromSeconds(10)));
            }

            return null;
        });
        var options = Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.RagBm25, MethodCatalog.Rpm) with { Users = 1 };

        var report = await EvalRunner.RunAsync(host.Options(), options);

        Assert.NotEmpty(held);
        Assert.All(held, reached => Assert.True(reached, "an extraction reply waited 10 s and no baseline request came"));
        Assert.All(report.Methods, m => Assert.Equal((1, 0), (m.Predictions, m.Failed)));

        // The RPM method still waited for the ingest: its first call comes after the last reasoning call.
        var order = host.Server.ChatRequests.Select(r => r.SchemaName()).ToList();
        Assert.True(order.IndexOf("target_features") > order.LastIndexOf("reasoning_paths"), string.Join(", ", order));
        Assert.True(order.IndexOf("zero_shot") < order.IndexOf("user_factors"), string.Join(", ", order));
    }

    [Fact]
    public async Task Methods_answered_beside_the_ingest_give_the_predictions_and_calls_of_each_method_run_alone()
    {
        await using var host = await EvalTestHost.StartAsync();
        string[] methods = [MethodCatalog.ZeroShot, MethodCatalog.RagEmbedding, MethodCatalog.RpmFactors, MethodCatalog.Rpm, MethodCatalog.RpmSurface];

        var together = await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(host.Directory.File("together"), methods));

        foreach (var method in methods)
        {
            var folder = host.Directory.File("alone-" + method);
            var alone = Assert.Single((await EvalRunner.RunAsync(host.Options(), Lamp2Run.Options(folder, method))).Methods);
            var row = Assert.Single(together.Methods, m => m.Method == method);
            Assert.Equal((alone.Predictions, alone.Failed, alone.Calls, alone.InputTokens, alone.OutputTokens), (row.Predictions, row.Failed, row.Calls, row.InputTokens, row.OutputTokens));
            Assert.Equal(alone.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal), row.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal));
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(folder, alone.PredictionsFile)),
                await File.ReadAllTextAsync(Path.Combine(host.Directory.File("together"), row.PredictionsFile)));
        }
    }
}
