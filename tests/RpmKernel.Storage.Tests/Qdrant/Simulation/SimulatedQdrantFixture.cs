using System.Security.Cryptography.X509Certificates;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>One <see cref="SimulatedQdrantServer"/> of a given version (with an API key, with TLS), started once per test class.</summary>
public abstract class SimulatedQdrantFixture(string version, string? apiKey = null, X509Certificate2? certificate = null) : IAsyncLifetime
{
    internal SimulatedQdrantServer Server { get; private set; } = null!;

    /// <summary>The server's TLS certificate, or null for plain HTTP/2.</summary>
    public X509Certificate2? Certificate => certificate;

    public async Task InitializeAsync() => Server = await SimulatedQdrantServer.StartAsync(version, apiKey, certificate);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        certificate?.Dispose();
    }
}
