using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.Evaluation.Tests.Support;

namespace RpmKernel.Evaluation.Tests.Running;

/// <summary>An eval reports its progress from inside each user (ingest stages, each method's answers) and per scored method, never backwards.</summary>
public sealed class EvalProgressTests
{
    [Fact]
    public async Task Progress_moves_inside_each_user_through_every_phase_and_ends_with_the_totals()
    {
        await using var host = await EvalTestHost.StartAsync();
        var seen = new List<EvalProgress>();
        var options = Lamp2Run.Options(host.Output, MethodCatalog.ZeroShot, MethodCatalog.Rpm) with { Concurrency = 1 };

        await EvalRunner.RunAsync(host.Options(), options, new SyncProgress(seen));

        var activities = seen.Select(p => p.Activity).OfType<string>().ToList();
        foreach (var stage in new[] { "extract-features", "cluster-factors", "construct-reasoning" })
        {
            Assert.Contains(activities, a => a.StartsWith("user ", StringComparison.Ordinal) && a.Contains($": {stage} ", StringComparison.Ordinal));
        }

        Assert.Contains(activities, a => a.EndsWith(": zero-shot 1/1", StringComparison.Ordinal));
        Assert.Contains(activities, a => a.EndsWith(": rpm 1/1", StringComparison.Ordinal));
        Assert.Equal(["scoring zero-shot (1/2)", "scoring rpm (2/2)"], activities.Where(a => a.StartsWith("scoring", StringComparison.Ordinal)));

        // The bar's value moves before the first user is done, and never goes back.
        Assert.Contains(seen, p => p.UsersDone == 0 && p.UsersProgress is > 0 and < 1);
        Assert.Equal(seen.Select(p => p.UsersProgress).Order(), seen.Select(p => p.UsersProgress));
        Assert.Equal(seen.Select(p => p.UsersDone).Order(), seen.Select(p => p.UsersDone));
        var last = seen[^1];
        Assert.Equal((2, 4, 2.0, (string?)null), (last.UsersDone, last.Predictions, last.UsersProgress, last.Activity));
    }

    private sealed class SyncProgress(List<EvalProgress> seen) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
