using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Qdrant;

/// <summary>Registers RpmKernel's stores on a Qdrant server in a service collection.</summary>
public static class RpmQdrantServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RpmStorage"/> opened by <see cref="QdrantStores.Open"/> as a singleton, and its
    /// four stores as <see cref="IReasoningStore"/>, <see cref="IUserModelStore"/>,
    /// <see cref="IResponseCacheStore"/> and <see cref="IUsageStore"/>. Nothing is sent to the server
    /// until the first call; call <see cref="RpmStorage.EnsureReadyAsync"/> once at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Endpoint, API key and collection name; checked now.</param>
    /// <param name="dimensions">The embedding dimension.</param>
    public static IServiceCollection AddRpmQdrantStorage(this IServiceCollection services, QdrantStoreOptions options, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options.Validate();

        services.AddSingleton(sp => QdrantStores.Open(options, dimensions, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<RpmStorage>().Reasoning);
        services.AddSingleton(sp => sp.GetRequiredService<RpmStorage>().UserModels);
        services.AddSingleton(sp => sp.GetRequiredService<RpmStorage>().Cache);
        services.AddSingleton(sp => sp.GetRequiredService<RpmStorage>().Usage);
        return services;
    }
}
