namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The store suite on a simulated Qdrant 1.17.</summary>
public sealed class Qdrant117ConformanceTests(SimulatedQdrant117 server) : QdrantSimulatedConformanceTests(server), IClassFixture<SimulatedQdrant117>;
