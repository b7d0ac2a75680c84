using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.Samples.AgentTool;

/// <summary>The composition of the agent sample.</summary>
public static class Extensions
{
    /// <summary>The functions of the plugin the agent gets as tools (ingest and forget stay decisions of the application).</summary>
    private static readonly string[] s_tools = ["Personalize", "ExplainUser"];

    /// <summary>
    /// RpmKernel's runtime and <see cref="PersonalizationPlugin"/>, an OpenAI <see cref="IChatClient"/>
    /// on the same endpoint and key, and a <see cref="ChatClientAgent"/> whose tools are the plugin's
    /// kernel functions. A <see cref="KernelFunction"/> is an <see cref="AIFunction"/>; <c>WithKernel</c> gives it
    /// the kernel to run on when the agent invokes it (Semantic Kernel 1.82 marks the older
    /// <c>AsAIFunction(kernel)</c>, which did the same, obsolete).
    /// </summary>
    public static IServiceCollection AddPersonalizingAgent(this IServiceCollection services, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => RpmRuntime.Create(options));
        services.AddSingleton(sp => sp.GetRequiredService<RpmRuntime>().Pipeline);
        services.AddSingleton<PersonalizationPlugin>();
        services.AddSingleton(_ => SampleOpenAI.CreateChatClient(options.Chat));
        services.AddSingleton<AIAgent>(sp =>
        {
            var kernel = sp.GetRequiredService<RpmRuntime>().Kernel;
            var plugin = KernelPluginFactory.CreateFromObject(sp.GetRequiredService<PersonalizationPlugin>(), PersonalizationPlugin.PluginName);
            var tools = plugin.Where(f => s_tools.Contains(f.Name)).Select(f => (AITool)f.WithKernel(kernel)).ToList();
            return new ChatClientAgent(sp.GetRequiredService<IChatClient>(), AgentToolSample.Instructions, name: "MovieNight", tools: tools);
        });
        return services;
    }
}
