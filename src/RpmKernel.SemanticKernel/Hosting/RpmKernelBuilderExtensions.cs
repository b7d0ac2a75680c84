using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Adds RpmKernel to a kernel being built.</summary>
public static class RpmKernelBuilderExtensions
{
    /// <summary>
    /// Registers RpmKernel's services (see <see cref="RpmServiceCollectionExtensions.AddRpm"/>) and imports
    /// <see cref="PersonalizationPlugin"/> as the plugin <paramref name="pluginName"/>: the read-only tools
    /// <c>Personalize</c> and <c>ExplainUser</c> (plus what <see cref="RpmBuilder.ConfigureTools"/> opts in),
    /// for the user the host binds (a registered <see cref="RpmKernel.Core.Scopes.IRpmScopeAccessor"/>, or
    /// <see cref="PersonalizationPlugin.ScopeArgument"/> in the invocation's arguments). Stage calls made
    /// through this kernel run on it, so its filters and traces see every stage call.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The configuration holding the <c>Rpm</c> section.</param>
    /// <param name="configure">Chooses services: <c>rpm =&gt; rpm.UseChatClient(...)</c>.</param>
    /// <param name="pluginName">The plugin name of the functions.</param>
    public static IKernelBuilder AddRpm(
        this IKernelBuilder builder, IConfiguration configuration, Action<RpmBuilder>? configure = null, string pluginName = PersonalizationPlugin.PluginName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddRpm(configuration, configure);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<PersonalizationPlugin>().CreateKernelPlugin(pluginName));
        return builder;
    }
}
