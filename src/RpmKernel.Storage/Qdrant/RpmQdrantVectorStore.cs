using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
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

    /// <summary>Connects to the server in <paramref name="options"/>; nothing is sent until the first call.</summary>
    /// <param name="options">Endpoint, API key and timeout.</param>
    public RpmQdrantVectorStore(QdrantStoreOptions options)
        : this(Connect(options), options.Endpoint)
    {
    }

    internal RpmQdrantVectorStore(IQdrantClientSeam client, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        _backend = new QdrantBackend(client, endpoint.GetLeftPart(UriPartial.Authority));
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
        var names = await _backend.RunAsync(null, "ListCollectionNames", c => c.ListCollectionsAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var name in names)
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _backend.RunAsync(name, "CollectionExists", c => c.CollectionExistsAsync(name, cancellationToken));
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
        });
    }

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

    private static QdrantClientSeam Connect(QdrantStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return QdrantClientSeam.Connect(options.Endpoint, options.ApiKey, options.Timeout);
    }
}
