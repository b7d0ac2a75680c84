using System.Security.Cryptography;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Testing;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>The channel this store builds, against simulated servers with an API key and with TLS.</summary>
public sealed class QdrantConnectionTests(SimulatedSecuredQdrant secured, SimulatedTlsQdrant tls) : IClassFixture<SimulatedSecuredQdrant>, IClassFixture<SimulatedTlsQdrant>
{
    private const int Dimensions = 4;

    [Fact]
    public async Task With_the_api_key_every_call_carries_it_and_a_deadline()
    {
        var options = Options(secured.Server.Endpoint);
        options.ApiKey = SimulatedSecuredQdrant.Key;
        using var storage = QdrantStores.Open(options, Dimensions);
        var before = secured.Server.Calls.Count;

        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[Dimensions]]);

        var sent = secured.Server.Calls.Skip(before).ToList();
        var calls = sent.Where(c => c[":path"] != "/qdrant.Qdrant/HealthCheck").ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal(SimulatedSecuredQdrant.Key, c["api-key"]));
        Assert.All(sent, c => Assert.True(c.ContainsKey("grpc-timeout"), $"{c[":path"]} was sent without a deadline."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_api_key_fails_saying_so_without_echoing_the_key(string? key)
    {
        var options = Options(secured.Server.Endpoint);
        options.ApiKey = key;
        using var storage = QdrantStores.Open(options, Dimensions);

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.EnsureReadyAsync());

        Assert.Contains("The server refused the API key", ex.Message);
        Assert.DoesNotContain("wrong-key", ex.Message);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_as_a_TLS_certificate_problem_naming_the_options()
    {
        using var storage = QdrantStores.Open(Options(tls.Server.Endpoint), Dimensions);

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.EnsureReadyAsync());

        Assert.Contains("TLS/certificate problem", ex.Message);
        Assert.Contains("Rpm:Store:Qdrant:CertificateThumbprint", ex.Message);
    }

    [Fact]
    public async Task A_pinned_thumbprint_trusts_the_self_signed_server()
    {
        var options = Options(tls.Server.Endpoint);
        options.CertificateThumbprint = Convert.ToHexString(tls.Certificate!.GetCertHash(HashAlgorithmName.SHA256));
        using var storage = QdrantStores.Open(options, Dimensions);

        await storage.EnsureReadyAsync();
        await storage.Reasoning.UpsertAsync([TestRecords.Record("u1", "t", "i1")], [new float[] { 1, 0, 0, 0 }]);

        Assert.Single(await storage.Reasoning.GetAllAsync("u1", "t"));
    }

    [Fact]
    public async Task Another_certificates_thumbprint_is_refused()
    {
        var options = Options(tls.Server.Endpoint);
        options.CertificateThumbprint = new string('A', 64);
        using var storage = QdrantStores.Open(options, Dimensions);

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => storage.EnsureReadyAsync());

        Assert.Contains("TLS/certificate problem", ex.Message);
    }

    [Fact]
    public async Task A_CA_file_trusts_the_certificates_it_signed()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "ca.pem");
        await File.WriteAllTextAsync(file, tls.Certificate!.ExportCertificatePem());
        var options = Options(tls.Server.Endpoint);
        options.CaCertificateFile = file;
        using var storage = QdrantStores.Open(options, Dimensions);

        await storage.EnsureReadyAsync();

        Assert.True(await storage.VectorStore.CollectionExistsAsync(options.Collection));
    }

    private static QdrantStoreOptions Options(Uri endpoint) => new() { Endpoint = endpoint, Collection = "rpm_" + Guid.NewGuid().ToString("N") };
}
