namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The store suite on a simulated Qdrant 1.13.</summary>
public sealed class Qdrant113ConformanceTests(SimulatedQdrant113 server) : QdrantSimulatedConformanceTests(server), IClassFixture<SimulatedQdrant113>;
