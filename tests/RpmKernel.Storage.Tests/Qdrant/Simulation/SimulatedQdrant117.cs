namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>A server that answers vectors in <c>dense</c>.</summary>
public sealed class SimulatedQdrant117() : SimulatedQdrantFixture("1.17.1");
