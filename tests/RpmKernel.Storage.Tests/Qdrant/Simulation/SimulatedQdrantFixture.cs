namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>One <see cref="SimulatedQdrantServer"/> of a given version, started once per test class.</summary>
public abstract class SimulatedQdrantFixture(string version) : IAsyncLifetime
{
    internal SimulatedQdrantServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SimulatedQdrantServer.StartAsync(version);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
