namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>A 1.17 server that wants the API key <see cref="Key"/> on every call but the health check.</summary>
public sealed class SimulatedSecuredQdrant() : SimulatedQdrantFixture("1.17.1", Key)
{
    public const string Key = "sim-secret-4711";
}
