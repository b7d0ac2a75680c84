using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
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
    /// The application's OpenAI <see cref="IChatClient"/>, which RpmKernel uses too (the model is
    /// configured once), RpmKernel with <see cref="PersonalizationPlugin"/>, and a
    /// <see cref="ChatClientAgent"/> whose tools are the plugin's
    /// kernel functions. A <see cref="KernelFunction"/> is an <see cref="AIFunction"/>; <c>WithKernel</c> gives it
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
            var plugin = KernelPluginFactory.CreateFromObject(sp.GetRequiredService<PersonalizationPlugin>(), PersonalizationPlugin.PluginName);
            var tools = plugin.Where(f => s_tools.Contains(f.Name)).Select(f => (AITool)f.WithKernel(kernel)).ToList();
            return new ChatClientAgent(sp.GetRequiredService<IChatClient>(), AgentToolSample.Instructions, name: "MovieNight", tools: tools);
        });
        return services;
    }
}
