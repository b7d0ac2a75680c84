using Microsoft.Extensions.Logging;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Opens RpmKernel's stores on a Qdrant server (<c>Store:Provider = Qdrant</c>): four collections,
/// <c>&lt;Collection&gt;</c> (reasoning records with their embeddings) and the vectorless
/// <c>_user_models</c>, <c>_cache</c> and <c>_usage</c>. Call <see cref="RpmStorage.EnsureReadyAsync"/>
/// once before use; it creates missing collections and indexes and fails if the reasoning
/// collection was built with another embedding dimension.
/// </summary>
/// <example>
/// <code>
/// using var storage = QdrantStores.Open(new QdrantStoreOptions { Endpoint = new("http://localhost:6334") }, dimensions: 384);
/// await storage.EnsureReadyAsync();
/// </code>
/// </example>
public static class QdrantStores
{
    /// <summary>Opens the four stores on the server in <paramref name="options"/>.</summary>
    /// <param name="options">Endpoint, API key, TLS trust, limits and collection name.</param>
    /// <param name="dimensions">The embedding dimension: 384 for local MiniLM, 1536 for OpenAI text-embedding-3-small.</param>
    /// <param name="loggerFactory">Receives the store's warnings (an old server, an API key over plain http://, index drift); none when null.</param>
    public static RpmStorage Open(QdrantStoreOptions options, int dimensions, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options.Validate();
        return StoreCollections.Open(new RpmQdrantVectorStore(options, loggerFactory), dimensions, options.Collection, options.UserModelCollection, options.CacheCollection, options.UsageCollection);
    }
}
