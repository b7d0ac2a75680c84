using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Adds RpmKernel to a kernel being built.</summary>
public static class RpmKernelBuilderExtensions
{
    /// <summary>
    /// Registers RpmKernel's services and imports <see cref="PersonalizationPlugin"/> as the plugin
    /// <paramref name="pluginName"/>, so the kernel's model can call <c>Personalize</c> and friends as tools.
    /// </summary>
    public static IKernelBuilder AddRpm(this IKernelBuilder builder, IConfiguration configuration, string pluginName = PersonalizationPlugin.PluginName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddRpm(configuration);
        builder.Services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<PersonalizationPlugin>(), pluginName));
        return builder;
    }
}
