using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Plugin;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Registers RpmKernel in a service collection.</summary>
public static class RpmServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRpmPipeline"/> and <see cref="PersonalizationPlugin"/> (bound to the host's
    /// <see cref="IRpmScopeAccessor"/> when one is registered, read-only tools unless
    /// <see cref="RpmBuilder.ConfigureTools"/> opts in), with options bound from
    /// the <c>Rpm</c> section of <paramref name="configuration"/> and validated when the host starts.
    /// The chat model, embedding generator and vector store are the ones chosen in
    /// <paramref name="configure"/>, else the host's registered ones, else built from <c>Rpm:*</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration holding the <c>Rpm</c> section.</param>
    /// <param name="configure">Chooses services: <c>rpm =&gt; rpm.UseChatClient(...).UseVectorStore(...)</c>.</param>
    public static IServiceCollection AddRpm(this IServiceCollection services, IConfiguration configuration, Action<RpmBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedRpmOptions(configuration);
        configure?.Invoke(new RpmBuilder(services));
        services.TryAddSingleton(sp => RpmRuntime.Create(sp.GetRequiredService<IOptions<RpmOptions>>().Value, RpmHostServices.From(sp)));
        services.TryAddSingleton<IRpmPipeline>(sp => sp.GetRequiredService<RpmRuntime>().Pipeline);
        services.TryAddKeyedSingleton<IChatClient>(StageKernels.ChatClientKey, (sp, _) =>
            sp.GetRequiredService<RpmRuntime>().ChatClient ?? throw new RpmInputException(ChatClientFactory.MissingModelMessage));
        services.TryAddSingleton(sp => new PersonalizationPlugin(
            sp.GetRequiredService<IRpmPipeline>(),
            fixedScope: null,
            sp.GetService<IRpmScopeAccessor>(),
            sp.GetService<IOptions<RpmToolOptions>>()?.Value,
            RpmSecrets.Redactor(sp.GetRequiredService<RpmRuntime>().Options)));
        return services;
    }
}
