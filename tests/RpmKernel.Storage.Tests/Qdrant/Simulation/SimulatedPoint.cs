using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>A stored point: id, payload and (in a collection with vectors) its normalised vector.</summary>
internal sealed record SimulatedPoint(PointId Id, MapField<string, Value> Payload, float[]? Vector);
