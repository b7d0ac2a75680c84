using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Samples.AutoFunctionCalling;

/// <summary>
/// A Semantic Kernel chat with <c>FunctionChoiceBehavior.Auto()</c>: the model sees RpmKernel's
/// functions and decides itself to call <c>Rpm-Personalize</c> when the user asks what they would think.
/// </summary>
public static class AutoFunctionCallingSample
{
    /// <summary>The system message of the chat.</summary>
    public static string Instructions { get; } = DemoUser.AssistantInstructions("Rpm-Personalize");

    /// <summary>Ingests the demo user if needed, then asks the chat how the demo user would tag the query.</summary>
    public static Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken) =>
        SampleRun.RunAsync(configuration, output, async options =>
        {
            var kernel = Kernel.CreateBuilder().AddPersonalizingChat(configuration, options).Build();
            await using var disposeServices = kernel.Services as IAsyncDisposable;
            await DemoUser.EnsureIngestedAsync(kernel.GetRequiredService<IRpmPipeline>(), output, cancellationToken);

            var history = new ChatHistory(Instructions);
            var question = DemoUser.Question(configuration);
            history.AddUserMessage(question);
            await output.WriteLineAsync($"user: {question}");

            var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
            var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel, cancellationToken);

            // Auto function calling appends the model's tool calls and their results to the history.
            foreach (var item in history.SelectMany(m => m.Items))
            {
                var line = item switch
                {
                    FunctionCallContent call => ToolCallText.Call($"{call.PluginName}-{call.FunctionName}", call.Arguments ?? []),
                    FunctionResultContent result => ToolCallText.Result($"{result.PluginName}-{result.FunctionName}", result.Result),
                    _ => null,
                };
                if (line is not null)
                {
                    await output.WriteLineAsync(line);
                }
            }

            await output.WriteLineAsync($"assistant: {reply.Content}");
        });
}
