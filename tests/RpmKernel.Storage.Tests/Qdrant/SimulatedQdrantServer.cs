using System.Numerics.Tensors;
using Google.Protobuf;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// A small simulation of a Qdrant server behind a gRPC call invoker, for running the store suite
/// through the real <c>QdrantClient</c> and protobuf messages without a server. It implements only
/// what RpmKernel sends — exact cosine query, must/must-not conditions (keyword, integer, bool,
/// keywords, integers, range, is-null, has-id, nested filter), scroll by id with paging, and
/// payload-only collections — as Qdrant documents them. It is no substitute for the live suite
/// (RPM_QDRANT_ENDPOINT); it checks that our requests and our reading of responses fit together.
/// </summary>
internal sealed class SimulatedQdrantServer : UnaryCallInvoker
{
    private readonly Dictionary<string, (CollectionInfo Info, SortedDictionary<string, PointStruct> Points)> _collections = [];
    private readonly Lock _lock = new();

    protected override IMessage Answer(string method, IMessage request, Type responseType)
    {
        lock (_lock)
        {
            return Handle(request);
        }
    }

    private static PointsOperationResponse Done => new() { Result = new UpdateResult { Status = UpdateStatus.Completed } };

    private IMessage Handle(IMessage request) => request switch
    {
        CollectionExistsRequest r => new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(r.CollectionName) } },
        GetCollectionInfoRequest r => new GetCollectionInfoResponse { Result = Collection(r.CollectionName).Info },
        ListCollectionsRequest => new ListCollectionsResponse { Collections = { _collections.Keys.Select(k => new CollectionDescription { Name = k }) } },
        CreateCollection r => Create(r),
        DeleteCollection r => new CollectionOperationResponse { Result = _collections.Remove(r.CollectionName) },
        CreateFieldIndexCollection r => Index(r),
        UpsertPoints r => Upsert(r),
        DeletePoints r => Delete(r),
        GetPoints r => new GetResponse { Result = { r.Ids.Select(id => Collection(r.CollectionName).Points.GetValueOrDefault(id.Uuid)).OfType<PointStruct>().Select(p => Retrieved(p, r.WithPayload, r.WithVectors)) } },
        ScrollPoints r => Scroll(r),
        QueryPoints r => Query(r),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {request.Descriptor.Name}.")),
    };

    private (CollectionInfo Info, SortedDictionary<string, PointStruct> Points) Collection(string name)
        => _collections.TryGetValue(name, out var collection) ? collection : throw new RpcException(new Status(StatusCode.NotFound, $"Collection `{name}` doesn't exist!"));

    private CollectionOperationResponse Create(CreateCollection r)
    {
        if (_collections.ContainsKey(r.CollectionName))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Collection `{r.CollectionName}` already exists!"));
        }

        var info = new CollectionInfo { Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = r.VectorsConfig } } };
        _collections[r.CollectionName] = (info, new SortedDictionary<string, PointStruct>(StringComparer.Ordinal));
        return new CollectionOperationResponse { Result = true };
    }

    private PointsOperationResponse Index(CreateFieldIndexCollection r)
    {
        Collection(r.CollectionName).Info.PayloadSchema[r.FieldName] = new PayloadSchemaInfo { DataType = PayloadSchemaType.Keyword, Params = r.FieldIndexParams };
        return Done;
    }

    private PointsOperationResponse Upsert(UpsertPoints r)
    {
        var (info, points) = Collection(r.CollectionName);
        var size = info.Config.Params.VectorsConfig.ConfigCase == VectorsConfig.ConfigOneofCase.Params ? (int)info.Config.Params.VectorsConfig.Params.Size : 0;
        foreach (var point in r.Points)
        {
            var length = point.Vectors.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vector ? point.Vectors.Vector.Dense.Data.Count : 0;
            if (length != size || (size == 0 && point.Vectors.Vectors_.Vectors.Count != 0))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {length}"));
            }

            points[point.Id.Uuid] = point.Clone();
        }

        return Done;
    }

    private PointsOperationResponse Delete(DeletePoints r)
    {
        var points = Collection(r.CollectionName).Points;
        foreach (var id in r.Points.Points.Ids)
        {
            points.Remove(id.Uuid);
        }

        return Done;
    }

    private ScrollResponse Scroll(ScrollPoints r)
    {
        var matching = Collection(r.CollectionName).Points.Values
            .Where(p => r.Offset is null || string.CompareOrdinal(p.Id.Uuid, r.Offset.Uuid) >= 0)
            .Where(p => Matches(r.Filter, p))
            .Take((int)(r.HasLimit ? r.Limit : 10) + 1)
            .ToList();
        var page = new ScrollResponse { Result = { matching.Take((int)(r.HasLimit ? r.Limit : 10)).Select(p => Retrieved(p, r.WithPayload, r.WithVectors)) } };
        if (matching.Count > page.Result.Count)
        {
            page.NextPageOffset = matching[^1].Id;
        }

        return page;
    }

    private QueryResponse Query(QueryPoints r)
    {
        var query = r.Query.Nearest.Dense.Data.ToArray();
        var scored = Collection(r.CollectionName).Points.Values
            .Where(p => Matches(r.Filter, p))
            .Select(p => (Point: p, Score: TensorPrimitives.CosineSimilarity(query, p.Vectors.Vector.Dense.Data.ToArray())))
            .Where(s => !r.HasScoreThreshold || s.Score >= r.ScoreThreshold)
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

    private static RetrievedPoint Retrieved(PointStruct point, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var retrieved = new RetrievedPoint { Id = point.Id };
        if (payload?.Enable == true)
        {
            retrieved.Payload.Add(point.Payload);
        }

        // Cosine collections store normalized vectors, and return them so.
        if (vectors?.Enable == true && point.Vectors.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vector)
        {
            var data = point.Vectors.Vector.Dense.Data.ToArray();
            var norm = TensorPrimitives.Norm(data);
            retrieved.Vectors = new VectorsOutput { Vector = new VectorOutput { Dense = new DenseVector { Data = { data.Select(x => x / norm) } } } };
        }

        return retrieved;
    }

    private static bool Matches(Filter? filter, PointStruct point)
        => filter is null
            || (filter.Must.All(c => Matches(c, point)) && !filter.MustNot.Any(c => Matches(c, point)) && (filter.Should.Count == 0 || filter.Should.Any(c => Matches(c, point))));

    private static bool Matches(Condition condition, PointStruct point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point.Payload.GetValueOrDefault(condition.Field.Key)),
        Condition.ConditionOneOfOneofCase.IsNull => point.Payload.GetValueOrDefault(condition.IsNull.Key) is not { } value || value.KindCase == Value.KindOneofCase.NullValue,
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Contains(point.Id),
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {condition.ConditionOneOfCase} conditions.")),
    };

    private static bool Matches(FieldCondition field, Value? value)
    {
        if (value is null)
        {
            return false;
        }

        if (field.Range is { } range)
        {
            var number = value.KindCase == Value.KindOneofCase.IntegerValue ? value.IntegerValue : value.DoubleValue;
            return (!range.HasGte || number >= range.Gte) && (!range.HasLte || number <= range.Lte) && (!range.HasGt || number > range.Gt) && (!range.HasLt || number < range.Lt);
        }

        var match = field.Match;
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => value.StringValue == match.Keyword,
            Match.MatchValueOneofCase.Integer => value.KindCase == Value.KindOneofCase.IntegerValue && value.IntegerValue == match.Integer,
            Match.MatchValueOneofCase.Boolean => value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue == match.Boolean,
            Match.MatchValueOneofCase.Keywords => match.Keywords.Strings.Contains(value.StringValue),
            Match.MatchValueOneofCase.Integers => value.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(value.IntegerValue),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {match.MatchValueCase} matches.")),
        };
    }
}
