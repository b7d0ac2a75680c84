using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>The composition of the prompt-iteration sample.</summary>
public static class Extensions
{
    /// <summary>The chat kernel the stage runs on and a runner that loads one prompt version per run; no store, no embeddings.</summary>
    public static IServiceCollection AddPromptIteration(this IServiceCollection services, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(options.Chat.Model, SampleOpenAI.CreateClient(options.Chat))
            .Build());
        services.AddSingleton<PromptVersionRunner>();
        return services;
    }
}
