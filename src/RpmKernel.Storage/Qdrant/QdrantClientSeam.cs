using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// <see cref="IQdrantClientSeam"/> over the real <see cref="QdrantClient"/> (gRPC; <c>http://</c>
/// is plain HTTP/2, <c>https://</c> is TLS). Every write waits for the server to apply it, so a
/// read that follows sees it. <paramref name="channel"/>, when given, is the channel under the
/// client, disposed with it.
/// </summary>
internal sealed class QdrantClientSeam(QdrantClient client, IDisposable? channel = null) : IQdrantClientSeam
{
    public async Task<string> HealthCheckAsync(CancellationToken cancellationToken)
        => (await client.HealthAsync(cancellationToken).ConfigureAwait(false)).Version;

    public Task<bool> CollectionExistsAsync(string collectionName, CancellationToken cancellationToken)
        => client.CollectionExistsAsync(collectionName, cancellationToken);

    public Task<CollectionInfo> GetCollectionInfoAsync(string collectionName, CancellationToken cancellationToken)
        => client.GetCollectionInfoAsync(collectionName, cancellationToken);

    public Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken)
        => client.ListCollectionsAsync(cancellationToken);

    public Task CreateCollectionAsync(CreateCollection request, CancellationToken cancellationToken)
        => client.CreateCollectionAsync(request, cancellationToken);

    public Task CreatePayloadIndexAsync(CreateFieldIndexCollection request, CancellationToken cancellationToken)
        => client.CreatePayloadIndexAsync(
            request.CollectionName,
            request.FieldName,
            Enum.Parse<PayloadSchemaType>(request.FieldType.ToString()),
            request.FieldIndexParams,
            wait: true,
            cancellationToken: cancellationToken);

    public Task DeleteCollectionAsync(string collectionName, CancellationToken cancellationToken)
        => client.DeleteCollectionAsync(collectionName, cancellationToken: cancellationToken);

    public Task UpsertAsync(UpsertPoints request, CancellationToken cancellationToken)
        => client.UpsertAsync(request, cancellationToken);

    public Task DeleteAsync(DeletePoints request, CancellationToken cancellationToken)
        => request.Points.PointsSelectorOneOfCase == PointsSelector.PointsSelectorOneOfOneofCase.Filter
            ? client.DeleteAsync(request.CollectionName, request.Points.Filter, wait: true, ordering: request.Ordering?.Type, cancellationToken: cancellationToken)
            : client.DeleteAsync(request.CollectionName, [.. request.Points.Points.Ids], wait: true, ordering: request.Ordering?.Type, cancellationToken: cancellationToken);

    public Task SetPayloadAsync(SetPayloadPoints request, CancellationToken cancellationToken)
        => client.SetPayloadAsync(request.CollectionName, request.Payload, request.PointsSelector.Filter, wait: true, ordering: request.Ordering?.Type, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<RetrievedPoint>> RetrieveAsync(GetPoints request, CancellationToken cancellationToken)
        => client.RetrieveAsync(request.CollectionName, [.. request.Ids], request.WithPayload, request.WithVectors, cancellationToken: cancellationToken);

    public Task<ScrollResponse> ScrollAsync(ScrollPoints request, CancellationToken cancellationToken)
        => client.ScrollAsync(
            request.CollectionName,
            request.Filter,
            request.Limit,
            request.Offset,
            request.WithPayload,
            request.WithVectors,
            cancellationToken: cancellationToken);

    public Task<IReadOnlyList<ScoredPoint>> QueryAsync(QueryPoints request, CancellationToken cancellationToken)
        => client.QueryAsync(
            request.CollectionName,
            request.Query,
            filter: request.Filter,
            scoreThreshold: request.HasScoreThreshold ? request.ScoreThreshold : null,
            limit: request.Limit,
            offset: request.Offset,
            payloadSelector: request.WithPayload,
            vectorsSelector: request.WithVectors,
            cancellationToken: cancellationToken);

    public void Dispose()
    {
        client.Dispose();
        channel?.Dispose();
    }
}
