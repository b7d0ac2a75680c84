using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// A vector store on a Qdrant server (gRPC). Every collection is a Qdrant collection with GUID
/// point ids; search is Qdrant's cosine nearest-neighbour query with the filter applied by the
/// server, so processes hold no state and any number of them can share one server or cluster.
/// </summary>
public sealed class RpmQdrantVectorStore : VectorStore
{
    private readonly QdrantBackend _backend;
    private readonly VectorStoreMetadata _metadata;

    /// <summary>
    /// Connects to the server in <paramref name="options"/>; nothing is sent until the first call,
    /// which first checks the server's version (1.13 or newer).
    /// </summary>
    /// <param name="options">Endpoint, API key, TLS trust, timeout and limits.</param>
    /// <param name="loggerFactory">Receives warnings (an old server, an API key over plain http://, an index without the tenant flag); none when null.</param>
    public RpmQdrantVectorStore(QdrantStoreOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RpmQdrantVectorStore>())
    {
    }

    private RpmQdrantVectorStore(QdrantStoreOptions options, ILogger logger)
        : this(QdrantConnection.Connect(options ?? throw new ArgumentNullException(nameof(options)), logger), options, logger)
    {
    }

    internal RpmQdrantVectorStore(IQdrantClientSeam client, Uri endpoint)
        : this(client, new QdrantStoreOptions { Endpoint = endpoint }, NullLogger.Instance)
    {
    }

    internal RpmQdrantVectorStore(IQdrantClientSeam client, QdrantStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _backend = new QdrantBackend(client, options.Endpoint.GetLeftPart(UriPartial.Authority), options, logger);
        _metadata = new() { VectorStoreSystemName = QdrantBackend.SystemName, VectorStoreName = _backend.Name };
    }

    /// <summary>The payload property indexed as Qdrant's tenant key: every RpmKernel read filters on it.</summary>
    public static string TenantProperty => nameof(IUserScopedEntity.UserId);

    /// <inheritdoc />
    [RequiresDynamicCode("The Qdrant store maps records by reflection and is not compatible with NativeAOT.")]
    [RequiresUnreferencedCode("The Qdrant store maps records by reflection and is not compatible with trimming.")]
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoreArguments.ThrowUnlessGuidKeyedClass<TKey, TRecord>("Qdrant");

        var model = new QdrantModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        return (VectorStoreCollection<TKey, TRecord>)(object)new QdrantCollection<TRecord>(_backend, name, model, TenantProperty);
    }

    /// <inheritdoc />
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
        => throw new NotSupportedException($"The Qdrant store holds records of a class type; use {nameof(GetCollection)} with a record class and Guid keys.");

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = await _backend.RunAsync(null, "ListCollectionNames", c => c.ListCollectionsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _backend.RunAsync(name, "CollectionExists", c => c.CollectionExistsAsync(name, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _backend.RunAsync(name, "EnsureCollectionDeleted", async c =>
        {
            if (await c.CollectionExistsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                await c.DeleteCollectionAsync(name, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>Write leases kept as points of <paramref name="collection"/> on this server, shared by every process that uses it.</summary>
    internal IUserWriteLeases CreateLeases(string collection) => new QdrantUserWriteLeases(_backend, collection, TimeProvider.System);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _backend.Dispose();
        }

        base.Dispose(disposing);
    }
}
