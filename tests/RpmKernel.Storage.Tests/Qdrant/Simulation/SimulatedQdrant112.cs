namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>A server below the floor: it reads input vectors from the flat <c>data</c> field only.</summary>
public sealed class SimulatedQdrant112() : SimulatedQdrantFixture("1.12.6");
