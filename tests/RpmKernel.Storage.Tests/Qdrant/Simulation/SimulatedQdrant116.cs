namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The last server that answers vectors in the deprecated <c>data</c> field.</summary>
public sealed class SimulatedQdrant116() : SimulatedQdrantFixture("1.16.3");
