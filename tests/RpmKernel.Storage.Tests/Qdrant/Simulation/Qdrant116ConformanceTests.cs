namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The store suite on a simulated Qdrant 1.16.</summary>
public sealed class Qdrant116ConformanceTests(SimulatedQdrant116 server) : QdrantSimulatedConformanceTests(server), IClassFixture<SimulatedQdrant116>;
