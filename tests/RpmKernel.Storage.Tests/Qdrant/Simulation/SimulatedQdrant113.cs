namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The oldest supported server: answers vectors in the deprecated <c>data</c> field.</summary>
public sealed class SimulatedQdrant113() : SimulatedQdrantFixture("1.13.6");
