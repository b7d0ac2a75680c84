using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>
/// Prompt iteration: runs two versions of the extract-features prompt over the demo user's history
/// and prints what changed in the outputs and in token usage.
/// </summary>
public static class PromptIterationSample
{
    /// <summary>The setting naming the version to compare from (default <c>v1</c>).</summary>
    public const string BaselineKey = "PromptIteration:Baseline";

    /// <summary>The setting naming the version to compare to (default <c>v2</c>).</summary>
    public const string CandidateKey = "PromptIteration:Candidate";

    /// <summary>Runs both versions and prints the comparison.</summary>
    public static Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken) =>
        SampleRun.RunAsync(configuration, output, async options =>
        {
            await using var services = new ServiceCollection().AddPromptIteration(options).BuildServiceProvider();
            var runner = services.GetRequiredService<PromptVersionRunner>();
            var history = DemoUser.LoadHistory();
            var baseline = await runner.RunAsync(configuration[BaselineKey] ?? "v1", DemoUser.Task, history, cancellationToken);
            var candidate = await runner.RunAsync(configuration[CandidateKey] ?? "v2", DemoUser.Task, history, cancellationToken);
            await VersionComparison.WriteAsync(output, history, baseline, candidate);
        });
}
