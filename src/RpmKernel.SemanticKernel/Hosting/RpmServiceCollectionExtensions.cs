using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Registers RpmKernel in a service collection.</summary>
public static class RpmServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RpmPipeline"/> and <see cref="PersonalizationPlugin"/>, with options bound from
    /// the <c>Rpm</c> section of <paramref name="configuration"/> (DESIGN.md §3).
    /// </summary>
    public static IServiceCollection AddRpm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RpmOptions>().Bind(configuration.GetSection(RpmOptions.SectionName));
        services.AddSingleton(sp => RpmRuntime.Create(sp.GetRequiredService<IOptions<RpmOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<RpmRuntime>().Pipeline);
        services.AddSingleton<PersonalizationPlugin>();
        return services;
    }
}
