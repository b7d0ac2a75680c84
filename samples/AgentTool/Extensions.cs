using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.Samples.AgentTool;

/// <summary>The composition of the agent sample.</summary>
public static class Extensions
{
    /// <summary>
    /// The application's OpenAI <see cref="IChatClient"/>, which RpmKernel uses too (the model is
    /// configured once), RpmKernel, and a <see cref="ChatClientAgent"/> whose tools are the read-only
    /// functions of a <see cref="PersonalizationPlugin"/> bound to the signed-in user (here the demo user):
    /// the model chooses only the query, never whose data it reads; ingest and forget stay calls of the
    /// application. A <see cref="KernelFunction"/> is an <see cref="AIFunction"/>; <c>WithKernel</c> gives it
    /// the kernel to run on when the agent invokes it (Semantic Kernel 1.82 marks the older
    /// <c>AsAIFunction(kernel)</c>, which did the same, obsolete).
    /// </summary>
    public static IServiceCollection AddPersonalizingAgent(this IServiceCollection services, IConfiguration configuration, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => SampleOpenAI.CreateChatClient(options.Chat));
        services.AddRpm(configuration, rpm => rpm.UseConfiguredEmbeddings(options));
        services.AddSingleton<AIAgent>(sp =>
        {
            var kernel = new Kernel(sp);
            var scope = new RpmScope(DemoUser.UserId, DemoUser.Task);
            var plugin = PersonalizationPlugin.For(sp.GetRequiredService<IRpmPipeline>(), scope).CreateKernelPlugin();
            var tools = plugin.Select(f => (AITool)f.WithKernel(kernel)).ToList();
            return new ChatClientAgent(sp.GetRequiredService<IChatClient>(), AgentToolSample.Instructions, name: "MovieNight", tools: tools);
        });
        return services;
    }
}
