using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// A Qdrant client seam that records every request (as a copy: the store reuses a scroll request
/// across pages) and answers from canned responses. Collections it is asked to create exist
/// afterwards, with the vectors config and payload indexes it was given.
/// </summary>
internal sealed class FakeQdrantSeam : IQdrantClientSeam
{
    public Dictionary<string, CollectionInfo> Collections { get; } = [];

    public List<CreateCollection> Created { get; } = [];

    public List<CreateFieldIndexCollection> Indexes { get; } = [];

    public List<UpsertPoints> Upserts { get; } = [];

    public List<DeletePoints> Deletes { get; } = [];

    public List<GetPoints> Gets { get; } = [];

    public List<SetPayloadPoints> PayloadSets { get; } = [];

    public List<ScrollPoints> Scrolls { get; } = [];

    public List<QueryPoints> Queries { get; } = [];

    public Queue<ScrollResponse> ScrollPages { get; } = new();

    public List<RetrievedPoint> Stored { get; } = [];

    public List<ScoredPoint> Scored { get; } = [];

    /// <summary>Thrown by the next call, then cleared.</summary>
    public Exception? Fault { get; set; }

    /// <summary>Called instead of creating the next collection; its exception is thrown.</summary>
    public Func<Exception>? CreateFault { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>The version the health check reports.</summary>
    public string Version { get; set; } = "1.20.0";

    public static CollectionInfo Info(VectorsConfig vectors, params string[] indexedFields)
    {
        var info = new CollectionInfo { Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = vectors } } };
        foreach (var field in indexedFields)
        {
            info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = PayloadSchemaType.Keyword };
        }

        return info;
    }

    public static VectorsConfig Dense(ulong size) => new() { Params = new VectorParams { Size = size, Distance = Distance.Cosine } };

    public Task<string> HealthCheckAsync(CancellationToken cancellationToken) => Answer(() => Version);

    public Task<bool> CollectionExistsAsync(string collectionName, CancellationToken cancellationToken)
        => Answer(() => Collections.ContainsKey(collectionName));

    public Task<CollectionInfo> GetCollectionInfoAsync(string collectionName, CancellationToken cancellationToken)
        => Answer(() => Collections[collectionName]);

    public Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken)
        => Answer<IReadOnlyList<string>>(() => [.. Collections.Keys]);

    public Task CreateCollectionAsync(CreateCollection request, CancellationToken cancellationToken)
    {
        if (CreateFault is { } fault)
        {
            CreateFault = null;
            return Task.FromException(fault());
        }

        return Answer(() => Collections[Record(Created, request).CollectionName] = Info(request.VectorsConfig));
    }

    public Task CreatePayloadIndexAsync(CreateFieldIndexCollection request, CancellationToken cancellationToken)
        => Answer(() => Collections[Record(Indexes, request).CollectionName].PayloadSchema[request.FieldName] = new PayloadSchemaInfo
        {
            DataType = Enum.Parse<PayloadSchemaType>(request.FieldType.ToString()),
            Params = request.FieldIndexParams,
        });

    public Task DeleteCollectionAsync(string collectionName, CancellationToken cancellationToken)
        => Answer(() => Collections.Remove(collectionName));

    public Task UpsertAsync(UpsertPoints request, CancellationToken cancellationToken) => Answer(() => Record(Upserts, request));

    public Task DeleteAsync(DeletePoints request, CancellationToken cancellationToken) => Answer(() => Record(Deletes, request));

    public Task SetPayloadAsync(SetPayloadPoints request, CancellationToken cancellationToken) => Answer(() => Record(PayloadSets, request));

    public Task<IReadOnlyList<RetrievedPoint>> RetrieveAsync(GetPoints request, CancellationToken cancellationToken)
        => Answer<IReadOnlyList<RetrievedPoint>>(() =>
        {
            Record(Gets, request);
            return [.. Stored.Where(p => request.Ids.Contains(p.Id))];
        });

    public Task<ScrollResponse> ScrollAsync(ScrollPoints request, CancellationToken cancellationToken)
        => Answer(() =>
        {
            Record(Scrolls, request);
            return ScrollPages.Count > 0 ? ScrollPages.Dequeue() : new ScrollResponse();
        });

    public Task<IReadOnlyList<ScoredPoint>> QueryAsync(QueryPoints request, CancellationToken cancellationToken)
        => Answer<IReadOnlyList<ScoredPoint>>(() =>
        {
            Record(Queries, request);
            return Scored;
        });

    public void Dispose() => Disposed = true;

    private static T Record<T>(List<T> requests, T request)
        where T : Google.Protobuf.IDeepCloneable<T>
    {
        requests.Add(request.Clone());
        return request;
    }

    private Task<T> Answer<T>(Func<T> answer)
    {
        if (Fault is { } fault)
        {
            Fault = null;
            return Task.FromException<T>(fault);
        }

        return Task.FromResult(answer());
    }
}
