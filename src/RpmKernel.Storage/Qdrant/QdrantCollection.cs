using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// A VectorData collection stored in one Qdrant collection: the key is the point id, data
/// properties are payload fields, and the vector (when the record has one) is the collection's
/// unnamed dense vector compared by cosine distance. Indexed properties get payload indexes; the
/// tenant property (<c>UserId</c>) gets a keyword index with <c>is_tenant</c>, so Qdrant stores
/// each user's points together and per-user filtered search stays fast as users are added.
/// </summary>
internal sealed partial class QdrantCollection<TRecord> : VectorStoreCollection<Guid, TRecord>
    where TRecord : class
{
    /// <summary>Point ids per delete request.</summary>
    internal const int IdsPerRequest = 1024;

    private readonly QdrantBackend _backend;
    private readonly CollectionModel _model;
    private readonly QdrantMapper<TRecord> _mapper;
    private readonly string _tenantProperty;
    private readonly VectorStoreCollectionMetadata _metadata;
    private const int Unverified = -1;

    // The vector size of the collection once checked (0 for a payload-only collection).
    private volatile int _storedDimensions = Unverified;

    internal QdrantCollection(QdrantBackend backend, string name, CollectionModel model, string tenantProperty)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);

        _backend = backend;
        _model = model;
        _mapper = new QdrantMapper<TRecord>(model);
        _tenantProperty = tenantProperty;
        Name = name;
        _metadata = new()
        {
            VectorStoreSystemName = QdrantBackend.SystemName,
            VectorStoreName = backend.Name,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => _backend.RunAsync(Name, "CollectionExists", c => c.CollectionExistsAsync(Name, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
        => _backend.RunAsync(Name, "EnsureCollectionExists", async client =>
        {
            if (!await client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await client.CreateCollectionAsync(CreateRequest(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RpcException or QdrantException)
                {
                    // Another process may have created it first; then it is checked below like any existing collection.
                    if (!await client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
                    {
                        throw;
                    }
                }
            }

            var info = await client.GetCollectionInfoAsync(Name, cancellationToken).ConfigureAwait(false);
            var stored = StoredDimensions(info);
            ThrowIfDimensionsDiffer(stored);
            CheckIndexes(info);
            foreach (var index in IndexRequests().Where(i => !info.PayloadSchema.ContainsKey(i.FieldName)))
            {
                await client.CreatePayloadIndexAsync(index, cancellationToken).ConfigureAwait(false);
            }

            _storedDimensions = stored;
        }, cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
        => _backend.RunAsync(Name, "EnsureCollectionDeleted", async client =>
        {
            if (await client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                await client.DeleteCollectionAsync(Name, cancellationToken).ConfigureAwait(false);
            }

            _storedDimensions = Unverified;
        }, cancellationToken);

    /// <inheritdoc />
    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default)
        => DeleteAsync([key], cancellationToken);

    /// <inheritdoc />
    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Distinct().Select(QdrantPayload.ToPointId).ToList();
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _backend.RunAsync(Name, "Delete", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in ids.Chunk(IdsPerRequest))
            {
                var request = new DeletePoints { CollectionName = Name, Wait = true, Points = new PointsSelector { Points = new PointsIdsList { Ids = { chunk } } } };
                await client.DeleteAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);

        // Every record is mapped (and its vector checked) before anything is sent.
        var points = records.Select(r => _mapper.ToPoint(r ?? throw new ArgumentException("A record is null.", nameof(records)), Name)).ToList();
        if (points.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _backend.RunAsync(Name, "Upsert", async client =>
        {
            await VerifyAsync(client, cancellationToken, writing: true).ConfigureAwait(false);
            foreach (var chunk in points.Chunk(_backend.Options.UpsertBatchSize))
            {
                try
                {
                    await client.UpsertAsync(new UpsertPoints { CollectionName = Name, Wait = true, Points = { chunk } }, cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument && ex.Status.Detail.Contains("Vector dimension error", StringComparison.Ordinal))
                {
                    // Another process rebuilt the collection for a new model since this instance checked it.
                    var stored = StoredDimensions(await client.GetCollectionInfoAsync(Name, cancellationToken).ConfigureAwait(false));
                    _storedDimensions = stored;
                    ThrowIfDimensionsDiffer(stored);
                    throw;
                }
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);

    /// <summary>
    /// The creation request: one unnamed cosine vector of the record's dimension (with the HNSW
    /// settings of the options, if any), or an empty vector map for records without a vector (a
    /// payload-only collection).
    /// </summary>
    internal CreateCollection CreateRequest()
    {
        if (_mapper.Vector is null)
        {
            return new CreateCollection { CollectionName = Name, VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() } };
        }

        var request = new CreateCollection
        {
            CollectionName = Name,
            VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)_mapper.Dimensions, Distance = Distance.Cosine } },
        };
        var options = _backend.Options;
        if (options.HnswM is not null || options.HnswPayloadM is not null)
        {
            request.HnswConfig = new HnswConfigDiff();
            if (options.HnswM is { } m)
            {
                request.HnswConfig.M = (ulong)m;
            }

            if (options.HnswPayloadM is { } payloadM)
            {
                request.HnswConfig.PayloadM = (ulong)payloadM;
            }
        }

        return request;
    }

    /// <summary>
    /// Checks once per instance that the collection exists and was built with this instance's
    /// vector size, so a missing or mismatched collection fails with a clear message instead of a
    /// bare "not found" or a wrong ranking. A view without vectors reads (and deletes from) a
    /// collection of any vector size, which is how re-embedding reads a collection built with
    /// another model; it writes only to a payload-only collection.
    /// </summary>
    private async Task VerifyAsync(IQdrantClientSeam client, CancellationToken cancellationToken, bool writing = false)
    {
        var stored = _storedDimensions;
        if (stored == Unverified)
        {
            if (!await client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"Collection '{Name}' does not exist in Qdrant at {_backend.Name}. Create it first with EnsureCollectionExistsAsync (RpmStorage.EnsureReadyAsync).");
            }

            stored = StoredDimensions(await client.GetCollectionInfoAsync(Name, cancellationToken).ConfigureAwait(false));
        }

        if (_mapper.Vector is not null || writing)
        {
            ThrowIfDimensionsDiffer(stored);
        }

        _storedDimensions = stored;
    }

    /// <summary>The vector size of the collection (0 for a payload-only one); named vectors mean it was created by something else.</summary>
    private int StoredDimensions(CollectionInfo info)
    {
        var config = info.Config?.Params?.VectorsConfig;
        return config?.ConfigCase switch
        {
            VectorsConfig.ConfigOneofCase.Params => (int)config.Params.Size,
            VectorsConfig.ConfigOneofCase.ParamsMap when config.ParamsMap.Map.Count == 0 => 0,

            // A payload-only collection may come back without any vectors config at all.
            null or VectorsConfig.ConfigOneofCase.None => 0,
            _ => throw new InvalidOperationException(
                $"Collection '{Name}' in Qdrant at {_backend.Name} has named vectors ({string.Join(", ", config?.ParamsMap?.Map.Keys ?? [])}); RpmKernel expects one unnamed vector. It was created by something else; pick another Rpm:Store:Qdrant:Collection."),
        };
    }

    private void ThrowIfDimensionsDiffer(int stored)
    {
        if (stored != _mapper.Dimensions)
        {
            throw new EmbeddingDimensionMismatchException(
                $"Collection '{Name}' in Qdrant at {_backend.Name} stores {VectorValues.Describe(stored)}, but it was opened with {VectorValues.Describe(_mapper.Dimensions)}. " +
                "Use the embedding model the collection was built with, or pick another Rpm:Store:Qdrant:Collection (or delete the collection) to rebuild it with the new model.",
                Name,
                stored,
                _mapper.Dimensions);
        }
    }
}
