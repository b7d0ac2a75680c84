using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>The composition of the prompt-iteration sample.</summary>
public static class Extensions
{
    /// <summary>The chat model the stage calls and a runner that loads one prompt version per run; no store, no embeddings.</summary>
    public static IServiceCollection AddPromptIteration(this IServiceCollection services, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => SampleOpenAI.CreateChatClient(options.Chat));
        services.AddSingleton<PromptVersionRunner>();
        return services;
    }
}
