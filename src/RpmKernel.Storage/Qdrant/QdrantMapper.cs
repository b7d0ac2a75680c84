using Google.Protobuf.Collections;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Maps records to Qdrant points and back through the <see cref="CollectionModel"/>'s property
/// accessors: the key is the point id (a UUID), data properties are payload fields named by their
/// storage names, and the vector is the collection's single unnamed dense vector. A collection
/// without a vector property stores points with an empty named-vector map.
/// </summary>
internal sealed class QdrantMapper<TRecord>
    where TRecord : class
{
    private readonly CollectionModel _model;

    internal QdrantMapper(CollectionModel model)
    {
        _model = model;
        Vector = model.VectorProperties.Count == 1 ? model.VectorProperties[0] : null;
        Dimensions = Vector?.Dimensions ?? 0;
    }

    /// <summary>The vector property, or null for a collection without vectors.</summary>
    internal VectorPropertyModel? Vector { get; }

    /// <summary>The vector dimension of the collection (0 without a vector property).</summary>
    internal int Dimensions { get; }

    /// <summary>Gets the record's key, generating a GUID first when the key is auto-generated and unset.</summary>
    internal Guid KeyOf(TRecord record) => (Guid)StoreKeys.KeyOf(_model.KeyProperty, record)!;

    /// <summary>The point of one record; its vector must have the collection's dimension.</summary>
    internal PointStruct ToPoint(TRecord record, string collectionName)
    {
        var key = KeyOf(record);
        var point = new PointStruct { Id = QdrantPayload.ToPointId(key) };
        foreach (var property in _model.DataProperties)
        {
            point.Payload[property.StorageName] = QdrantPayload.ToValue(property.GetValueAsObject(record));
        }

        if (Vector is null)
        {
            point.Vectors = new Vectors { Vectors_ = new NamedVectors() };
            return point;
        }

        var vector = VectorValues.VectorOf(Vector.GetValueAsObject(record))
            ?? throw new ArgumentException($"Record '{key}' has no vector; every point of collection '{collectionName}' needs its {Dimensions}-dimensional embedding.", nameof(record));
        if (vector.Length != Dimensions)
        {
            throw VectorValues.RecordDimensionMismatch(key, vector.Length, collectionName, Dimensions, nameof(record));
        }

        var dense = new DenseVector();
        dense.Data.AddRange(vector.ToArray());
        point.Vectors = new Vectors { Vector = new Vector { Dense = dense } };
        return point;
    }

    /// <summary>Builds a record from a point's id, payload and (when requested and present) vector.</summary>
    internal TRecord ToRecord(PointId id, MapField<string, Value> payload, VectorsOutput? vectors, bool includeVectors)
    {
        var record = _model.CreateRecord<TRecord>();
        _model.KeyProperty.SetValueAsObject(record, QdrantPayload.FromPointId(id));
        foreach (var property in _model.DataProperties)
        {
            property.SetValueAsObject(record, QdrantPayload.FromValue(payload.GetValueOrDefault(property.StorageName), property.Type));
        }

        if (includeVectors && Vector is not null && DenseOf(vectors) is { } dense)
        {
            Vector.SetValueAsObject(record, VectorValues.ToVectorProperty(dense, Vector.Type));
        }

        return record;
    }

    /// <summary>
    /// The floats of the unnamed vector: servers from 1.17 answer in the <c>dense</c> field,
    /// 1.13–1.16 still in the deprecated flat <c>data</c> field (their conversion to
    /// <c>VectorOutput</c> fills only <c>data</c>).
    /// </summary>
    internal static float[]? DenseOf(VectorsOutput? vectors)
    {
        if (vectors?.VectorsOptionsCase != VectorsOutput.VectorsOptionsOneofCase.Vector)
        {
            return null;
        }

        var output = vectors.Vector;
#pragma warning disable CS0612 // Data is deprecated on the wire but is all that servers before 1.17 send.
        return output.Dense is { Data.Count: > 0 } dense ? [.. dense.Data]
            : output.Data.Count > 0 ? [.. output.Data]
            : null;
#pragma warning restore CS0612
    }
}
