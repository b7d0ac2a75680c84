using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>One collection of <see cref="SimulatedQdrantServer"/>: its info and its points by UUID, in Qdrant's id order.</summary>
internal sealed class SimulatedCollection(CollectionInfo info)
{
    public CollectionInfo Info { get; } = info;

    public SortedDictionary<string, SimulatedPoint> Points { get; } = new(StringComparer.Ordinal);
}
