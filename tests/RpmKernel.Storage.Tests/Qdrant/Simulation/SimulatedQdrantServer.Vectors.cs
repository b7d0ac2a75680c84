using System.Numerics.Tensors;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>Points in and out: which vector field a version reads and answers in, and payload selectors.</summary>
internal sealed partial class SimulatedQdrantServer
{
    /// <summary>The vector of an upserted point, normalised as a cosine collection stores it.</summary>
    private float[]? InputVector(Vectors? vectors, int size)
    {
        if (vectors?.VectorsOptionsCase != Vectors.VectorsOptionsOneofCase.Vector)
        {
            return size == 0 && vectors?.Vectors_?.Vectors.Count is null or 0 ? null
                : throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got 0"));
        }

#pragma warning disable CS0612 // The flat data field is what servers before 1.13 read.
        var data = Version < new Version(1, 13) || vectors.Vector.Dense is null ? vectors.Vector.Data.ToArray() : vectors.Vector.Dense.Data.ToArray();
#pragma warning restore CS0612
        if (data.Length != size)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {data.Length}"));
        }

        var norm = TensorPrimitives.Norm(data);
        return [.. data.Select(x => norm == 0 ? x : x / norm)];
    }

    private RetrievedPoint Retrieved(SimulatedPoint point, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var retrieved = new RetrievedPoint { Id = point.Id };
        foreach (var (key, value) in Selected(point.Payload, payload))
        {
            retrieved.Payload[key] = value;
        }

        if (vectors?.Enable == true && point.Vector is { } vector)
        {
            var output = new VectorOutput();
#pragma warning disable CS0612 // 1.13–1.16 fill only the deprecated data field.
            if (Version < new Version(1, 17))
            {
                output.Data.AddRange(vector);
            }
#pragma warning restore CS0612
            else
            {
                output.Dense = new DenseVector { Data = { vector } };
            }

            retrieved.Vectors = new VectorsOutput { Vector = output };
        }

        return retrieved;
    }

    private static IEnumerable<KeyValuePair<string, Value>> Selected(MapField<string, Value> payload, WithPayloadSelector? selector) => selector?.SelectorOptionsCase switch
    {
        WithPayloadSelector.SelectorOptionsOneofCase.Enable when selector.Enable => payload,
        WithPayloadSelector.SelectorOptionsOneofCase.Include => payload.Where(p => selector.Include.Fields.Contains(p.Key)),
        WithPayloadSelector.SelectorOptionsOneofCase.Exclude => payload.Where(p => !selector.Exclude.Fields.Contains(p.Key)),
        _ => [],
    };
}
