using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// The few Qdrant calls the store makes, as requests in Qdrant's own protobuf types: the
/// production implementation passes them to <c>QdrantClient</c>, and tests put a fake here to
/// assert the exact requests and to return canned responses.
/// </summary>
internal interface IQdrantClientSeam : IDisposable
{
    /// <summary>The server's version, e.g. <c>1.17.0</c>.</summary>
    Task<string> HealthCheckAsync(CancellationToken cancellationToken);

    Task<bool> CollectionExistsAsync(string collectionName, CancellationToken cancellationToken);

    Task<CollectionInfo> GetCollectionInfoAsync(string collectionName, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken);

    Task CreateCollectionAsync(CreateCollection request, CancellationToken cancellationToken);

    Task CreatePayloadIndexAsync(CreateFieldIndexCollection request, CancellationToken cancellationToken);

    Task DeleteCollectionAsync(string collectionName, CancellationToken cancellationToken);

    Task UpsertAsync(UpsertPoints request, CancellationToken cancellationToken);

    Task DeleteAsync(DeletePoints request, CancellationToken cancellationToken);

    /// <summary>Sets payload fields on the points the request selects (never inserts a point).</summary>
    Task SetPayloadAsync(SetPayloadPoints request, CancellationToken cancellationToken);

    Task<IReadOnlyList<RetrievedPoint>> RetrieveAsync(GetPoints request, CancellationToken cancellationToken);

    Task<ScrollResponse> ScrollAsync(ScrollPoints request, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScoredPoint>> QueryAsync(QueryPoints request, CancellationToken cancellationToken);
}
