using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Samples.AgentTool;

/// <summary>
/// A Microsoft Agent Framework agent that has RpmKernel's functions as tools and decides itself
/// when to call Personalize.
/// </summary>
public static class AgentToolSample
{
    /// <summary>The agent's instructions.</summary>
    public static string Instructions { get; } = DemoUser.AssistantInstructions("Personalize");

    /// <summary>Ingests the demo user if needed, then asks the agent how the demo user would tag the query.</summary>
    public static Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken) =>
        SampleRun.RunAsync(configuration, output, async options =>
        {
            await using var services = new ServiceCollection().AddPersonalizingAgent(configuration, options).BuildServiceProvider();
            await DemoUser.EnsureIngestedAsync(services.GetRequiredService<IRpmPipeline>(), output, cancellationToken);

            var agent = services.GetRequiredService<AIAgent>();
            var question = DemoUser.Question(configuration);
            await output.WriteLineAsync($"user: {question}");
            var response = await agent.RunAsync(question, cancellationToken: cancellationToken);

            // The response carries every message of the run: the agent's tool calls, their results, the reply.
            var called = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var content in response.Messages.SelectMany(m => m.Contents))
            {
                var line = content switch
                {
                    FunctionCallContent call => ToolCallText.Call(called[call.CallId] = call.Name, call.Arguments ?? new Dictionary<string, object?>()),
                    FunctionResultContent result => ToolCallText.Result(called.GetValueOrDefault(result.CallId, result.CallId), result.Result),
                    _ => null,
                };
                if (line is not null)
                {
                    await output.WriteLineAsync(line);
                }
            }

            await output.WriteLineAsync($"{agent.Name}: {response.Text}");
        });
}
