using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.InlinePersonalize;

/// <summary>The composition of the inline-personalize sample.</summary>
public static class Extensions
{
    /// <summary>Registers RpmKernel; its <c>IRpmPipeline</c> is the one service an inline copilot call needs.</summary>
    public static IServiceCollection AddInlinePersonalize(this IServiceCollection services, IConfiguration configuration, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRpm(configuration, rpm => rpm.UseConfiguredEmbeddings(options));
    }
}
