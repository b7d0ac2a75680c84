using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.InlinePersonalize;

/// <summary>The composition of the inline-personalize sample.</summary>
public static class Extensions
{
    /// <summary>Registers RpmKernel's runtime and its pipeline, the one service an inline copilot call needs.</summary>
    public static IServiceCollection AddInlinePersonalize(this IServiceCollection services, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => RpmRuntime.Create(options));
        services.AddSingleton(sp => sp.GetRequiredService<RpmRuntime>().Pipeline);
        return services;
    }
}
