using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Samples.InlinePersonalize;

/// <summary>
/// A copilot-style inline call: the application itself asks RpmKernel for the demo user's answer
/// (no agent, no tool choice) and shows where it came from.
/// </summary>
public static class InlinePersonalizeSample
{
    /// <summary>Ingests the demo user if needed, personalizes the query and prints the answer with its provenance.</summary>
    public static Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken) =>
        SampleRun.RunAsync(configuration, output, async options =>
        {
            await using var services = new ServiceCollection().AddInlinePersonalize(configuration, options).BuildServiceProvider();
            var pipeline = services.GetRequiredService<IRpmPipeline>();
            await DemoUser.EnsureIngestedAsync(pipeline, output, cancellationToken);

            var query = DemoUser.Query(configuration);
            var answer = await pipeline.PersonalizeAsync(DemoUser.UserId, DemoUser.Task, query, cancellationToken);
            await ProvenanceReport.WriteAsync(output, query, answer);
        });
}
