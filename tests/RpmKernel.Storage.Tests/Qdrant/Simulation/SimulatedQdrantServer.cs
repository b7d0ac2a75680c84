using System.Numerics.Tensors;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>
/// A small Qdrant over real gRPC (<see cref="GrpcLoopbackServer"/>), for running the store suite
/// through the whole production stack without a server. It implements what RpmKernel sends, as
/// the server sources (v1.12–v1.19) do it: the health check answers <see cref="Version"/>; before
/// 1.13 input vectors are read from the flat <c>data</c> field only (the <c>dense</c> field is
/// unknown there); 1.13–1.16 answer vectors in the deprecated <c>data</c> field, 1.17+ in
/// <c>dense</c>; exact cosine query with a strict <c>&gt;</c> score threshold; payload indexes
/// checked against their parameters; delete by ids or filter; payload selectors; and the
/// server's status codes and messages. It is no substitute for the live suite (RPM_QDRANT_ENDPOINT).
/// </summary>
internal sealed partial class SimulatedQdrantServer : GrpcLoopbackServer
{
    private static readonly Dictionary<string, MessageParser> Parsers = new()
    {
        ["/qdrant.Qdrant/HealthCheck"] = HealthCheckRequest.Parser,
        ["/qdrant.Collections/CollectionExists"] = CollectionExistsRequest.Parser,
        ["/qdrant.Collections/Get"] = GetCollectionInfoRequest.Parser,
        ["/qdrant.Collections/List"] = ListCollectionsRequest.Parser,
        ["/qdrant.Collections/Create"] = CreateCollection.Parser,
        ["/qdrant.Collections/Delete"] = DeleteCollection.Parser,
        ["/qdrant.Points/CreateFieldIndex"] = CreateFieldIndexCollection.Parser,
        ["/qdrant.Points/Upsert"] = UpsertPoints.Parser,
        ["/qdrant.Points/Delete"] = DeletePoints.Parser,
        ["/qdrant.Points/SetPayload"] = SetPayloadPoints.Parser,
        ["/qdrant.Points/Get"] = GetPoints.Parser,
        ["/qdrant.Points/Scroll"] = ScrollPoints.Parser,
        ["/qdrant.Points/Query"] = QueryPoints.Parser,
    };

    private readonly Dictionary<string, SimulatedCollection> _collections = [];
    private readonly Lock _lock = new();

    private SimulatedQdrantServer(string version, string? apiKey)
    {
        VersionText = version;
        Version = Version.Parse(version.Split('-')[0]);
        ApiKey = apiKey;
    }

    /// <summary>The version the health check reports, e.g. <c>1.16.3</c>.</summary>
    public string VersionText { get; }

    public Version Version { get; }

    /// <summary>The key every call but the health check must carry in its <c>api-key</c> header, or null for none.</summary>
    public string? ApiKey { get; }

    /// <summary>Requests that changed something (create, index, upsert, delete).</summary>
    public int Writes { get; private set; }

    /// <summary>Every request as the server parsed it, oldest first.</summary>
    public List<IMessage> Requests { get; } = [];

    /// <summary>The parsed requests of type <typeparamref name="T"/> so far.</summary>
    public List<T> RequestsOf<T>()
        where T : IMessage
    {
        lock (_lock)
        {
            return [.. Requests.OfType<T>()];
        }
    }

    public static async Task<SimulatedQdrantServer> StartAsync(string version, string? apiKey = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var server = new SimulatedQdrantServer(version, apiKey);
        await server.StartAsync(certificate);
        return server;
    }

    /// <summary>A copy of a collection's info as the server would report it, or null.</summary>
    public CollectionInfo? Info(string collection)
    {
        lock (_lock)
        {
            return _collections.GetValueOrDefault(collection)?.Info.Clone();
        }
    }

    /// <summary>Adds a payload index directly, as another tool would have made it.</summary>
    public void AddIndex(string collection, string field, PayloadSchemaType type, PayloadIndexParams? parameters = null)
    {
        lock (_lock)
        {
            _collections[collection].Info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = type, Params = parameters };
        }
    }

    /// <summary>Turns strict mode on for a collection, as <c>PATCH /collections/{name}</c> with <c>strict_mode_config</c> would.</summary>
    public void EnableStrictMode(string collection, uint maxQueryLimit, ulong upsertMaxBatchsize)
    {
        lock (_lock)
        {
            _collections[collection].Info.Config.StrictModeConfig = new StrictModeConfig { Enabled = true, MaxQueryLimit = maxQueryLimit, UpsertMaxBatchsize = upsertMaxBatchsize };
        }
    }

    protected override MessageParser? Parser(string path) => Parsers.GetValueOrDefault(path);

    protected override IMessage Handle(string path, IMessage request, IReadOnlyDictionary<string, string> headers)
    {
        if (ApiKey is not null && path != "/qdrant.Qdrant/HealthCheck")
        {
            if (!headers.TryGetValue("api-key", out var key))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"));
            }

            if (key != ApiKey)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, "Invalid API key or JWT"));
            }
        }

        // What is answered must be a copy: it is serialised after the lock is left, while other calls may change the state.
        lock (_lock)
        {
            Requests.Add(request);
            return Handle(request);
        }
    }

    private static PointsOperationResponse Done => new() { Result = new UpdateResult { Status = UpdateStatus.Completed } };

    private IMessage Handle(IMessage request) => request switch
    {
        HealthCheckRequest => new HealthCheckReply { Title = "qdrant - vector search engine", Version = VersionText },
        CollectionExistsRequest r => new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(r.CollectionName) } },
        GetCollectionInfoRequest r => new GetCollectionInfoResponse { Result = Collection(r.CollectionName).Info.Clone() },
        ListCollectionsRequest => new ListCollectionsResponse { Collections = { _collections.Keys.Select(k => new CollectionDescription { Name = k }) } },
        CreateCollection r => Write(Create(r)),
        DeleteCollection r => Write(new CollectionOperationResponse { Result = _collections.Remove(r.CollectionName) }),
        CreateFieldIndexCollection r => Write(Index(r)),
        UpsertPoints r => Write(Upsert(r)),
        DeletePoints r => Write(Delete(r)),
        SetPayloadPoints r => Write(SetPayload(r)),
        GetPoints r => new GetResponse { Result = { r.Ids.Select(id => Collection(r.CollectionName).Points.GetValueOrDefault(id.Uuid)).OfType<SimulatedPoint>().Select(p => Retrieved(p, r.WithPayload, r.WithVectors)) } },
        ScrollPoints r => Scroll(r),
        QueryPoints r => Query(r),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {request.Descriptor.Name}.")),
    };

    private T Write<T>(T response)
    {
        Writes++;
        return response;
    }

    private SimulatedCollection Collection(string name)
        => _collections.GetValueOrDefault(name) ?? throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    private CollectionOperationResponse Create(CreateCollection r)
    {
        if (_collections.ContainsKey(r.CollectionName))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{r.CollectionName}` already exists!"));
        }

        var hnsw = new HnswConfigDiff { M = 16, PayloadM = 16, EfConstruct = 100 };
        hnsw.MergeFrom(r.HnswConfig ?? new HnswConfigDiff());
        var info = new CollectionInfo
        {
            Status = CollectionStatus.Green,
            Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = r.VectorsConfig }, HnswConfig = hnsw },
        };
        _collections[r.CollectionName] = new SimulatedCollection(info);
        return new CollectionOperationResponse { Result = true };
    }

    private PointsOperationResponse Index(CreateFieldIndexCollection r)
    {
        var collection = Collection(r.CollectionName);
        var parameters = r.FieldIndexParams;
        var matches = parameters?.IndexParamsCase switch
        {
            null or PayloadIndexParams.IndexParamsOneofCase.None => true,
            PayloadIndexParams.IndexParamsOneofCase.KeywordIndexParams => r.FieldType == FieldType.Keyword,
            PayloadIndexParams.IndexParamsOneofCase.IntegerIndexParams => r.FieldType == FieldType.Integer,
            PayloadIndexParams.IndexParamsOneofCase.FloatIndexParams => r.FieldType == FieldType.Float,
            PayloadIndexParams.IndexParamsOneofCase.BoolIndexParams => r.FieldType == FieldType.Bool,
            _ => false,
        };
        if (!matches)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"field_type ({r.FieldType}) and field_index_params do not match"));
        }

        collection.Info.PayloadSchema[r.FieldName] = new PayloadSchemaInfo { DataType = Enum.Parse<PayloadSchemaType>(r.FieldType.ToString()), Params = parameters };
        return Done;
    }

    private PointsOperationResponse Upsert(UpsertPoints r)
    {
        var collection = Collection(r.CollectionName);
        CheckLimit(collection, (ulong)r.Points.Count, collection.Info.Config.StrictModeConfig?.UpsertMaxBatchsize, "upsert limit");
        var config = collection.Info.Config.Params.VectorsConfig;
        var size = config.ConfigCase == VectorsConfig.ConfigOneofCase.Params ? (int)config.Params.Size : 0;
        var points = r.Points.Select(p => new SimulatedPoint(p.Id, p.Payload, InputVector(p.Vectors, size))).ToList();
        foreach (var point in points)
        {
            // 1.16+: an existing point that does not match the update filter keeps its state; new points are inserted. Older servers do not know the field.
            if (Version >= new Version(1, 16) && r.UpdateFilter is { } condition
                && collection.Points.TryGetValue(point.Id.Uuid, out var existing) && !SimulatedQdrantFilter.Matches(condition, existing))
            {
                continue;
            }

            collection.Points[point.Id.Uuid] = point;
        }

        return Done;
    }

    private PointsOperationResponse Delete(DeletePoints r)
    {
        var points = Collection(r.CollectionName).Points;
        var doomed = r.Points.PointsSelectorOneOfCase == PointsSelector.PointsSelectorOneOfOneofCase.Filter
            ? [.. points.Values.Where(p => SimulatedQdrantFilter.Matches(r.Points.Filter, p)).Select(p => p.Id.Uuid)]
            : r.Points.Points.Ids.Select(id => id.Uuid).ToList();
        doomed.ForEach(id => points.Remove(id));
        return Done;
    }

    private PointsOperationResponse SetPayload(SetPayloadPoints r)
    {
        var points = Collection(r.CollectionName).Points;
        var selector = r.PointsSelector;
        var chosen = selector?.PointsSelectorOneOfCase == PointsSelector.PointsSelectorOneOfOneofCase.Filter
            ? [.. points.Values.Where(p => SimulatedQdrantFilter.Matches(selector.Filter, p))]
            : selector?.Points.Ids.Select(id => points.GetValueOrDefault(id.Uuid)).OfType<SimulatedPoint>().ToList() ?? [];
        foreach (var point in chosen)
        {
            foreach (var (key, value) in r.Payload)
            {
                point.Payload[key] = value;
            }
        }

        return Done;
    }

    private ScrollResponse Scroll(ScrollPoints r)
    {
        var limit = (int)(r.HasLimit ? r.Limit : 10);
        var collection = Collection(r.CollectionName);
        CheckLimit(collection, (ulong)limit, collection.Info.Config.StrictModeConfig?.MaxQueryLimit, "limit");
        var matching = collection.Points.Values
            .Where(p => r.Offset is null || string.CompareOrdinal(p.Id.Uuid, r.Offset.Uuid) >= 0)
            .Where(p => SimulatedQdrantFilter.Matches(r.Filter, p))
            .Take(limit + 1)
            .ToList();
        var page = new ScrollResponse { Result = { matching.Take(limit).Select(p => Retrieved(p, r.WithPayload, r.WithVectors)) } };
        if (matching.Count > limit)
        {
            page.NextPageOffset = matching[^1].Id;
        }

        return page;
    }

    private QueryResponse Query(QueryPoints r)
    {
        var query = r.Query.Nearest.Dense.Data.ToArray();
        var collection = Collection(r.CollectionName);
        CheckLimit(collection, r.HasLimit ? r.Limit : 10, collection.Info.Config.StrictModeConfig?.MaxQueryLimit, "limit");
        var scored = collection.Points.Values
            .Where(p => SimulatedQdrantFilter.Matches(r.Filter, p))
            .Select(p => (Point: p, Score: TensorPrimitives.CosineSimilarity(query, p.Vector!)))
            .Where(s => !r.HasScoreThreshold || s.Score > r.ScoreThreshold)
            .OrderByDescending(s => s.Score)
            .Skip((int)r.Offset)
            .Take((int)(r.HasLimit ? r.Limit : 10));
        return new QueryResponse
        {
            Result =
            {
                scored.Select(s =>
                {
                    var retrieved = Retrieved(s.Point, r.WithPayload, r.WithVectors);
                    return new ScoredPoint { Id = retrieved.Id, Payload = { retrieved.Payload }, Vectors = retrieved.Vectors, Score = s.Score };
                }),
            },
        };
    }

    // Strict-mode violations are bad requests (InvalidArgument), worded as the server's verification does.
    private static void CheckLimit(SimulatedCollection collection, ulong value, ulong? limit, string name)
    {
        if (collection.Info.Config.StrictModeConfig?.Enabled == true && limit is { } max && value > max)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Bad request: Limit exceeded {value} > {max} for \"{name}\". Help: Reduce the \"{name}\" parameter to or below {max}."));
        }
    }


}
