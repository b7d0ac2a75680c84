using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Fakes;
using RpmKernel.Testing;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>The connection options: each bad value gets one error naming it, and an API key bound for a remote http:// server gets a warning.</summary>
public sealed class QdrantStoreOptionsTests
{
    [Theory]
    [InlineData("http://qdrant.example:6334", "secret", true)]
    [InlineData("http://10.0.0.7:6334", "secret", true)]
    [InlineData("https://qdrant.example:6334", "secret", false)]
    [InlineData("http://localhost:6334", "secret", false)]
    [InlineData("http://127.0.0.1:6334", "secret", false)]
    [InlineData("http://[::1]:6334", "secret", false)]
    [InlineData("http://qdrant.example:6334", null, false)]
    public void An_api_key_over_plain_http_to_another_machine_is_warned_about_without_the_key(string endpoint, string? key, bool warned)
    {
        using var logs = new ListLoggerFactory();

        using var seam = QdrantConnection.Connect(new QdrantStoreOptions { Endpoint = new Uri(endpoint), ApiKey = key }, logs.CreateLogger("qdrant"));

        Assert.Equal(warned ? 1 : 0, logs.Warnings.Count);
        Assert.All(logs.Warnings, w => Assert.Contains("unencrypted over http://", w));
        Assert.All(logs.Warnings, w => Assert.DoesNotContain("secret", w));
    }

    [Theory]
    [InlineData(nameof(QdrantStoreOptions.CertificateThumbprint), "not https://")]
    [InlineData(nameof(QdrantStoreOptions.MaxReceiveMessageSizeMb), "between 1 and 2047")]
    [InlineData(nameof(QdrantStoreOptions.UpsertBatchSize), "at least 1")]
    [InlineData(nameof(QdrantStoreOptions.MaxQueryLimit), "max_query_limit")]
    [InlineData(nameof(QdrantStoreOptions.HnswM), "0 or more")]
    public void Each_bad_limit_or_tls_option_is_named(string option, string message)
    {
        var options = new QdrantStoreOptions();
        switch (option)
        {
            case nameof(QdrantStoreOptions.CertificateThumbprint):
                options.CertificateThumbprint = new string('a', 64);
                break;
            case nameof(QdrantStoreOptions.MaxReceiveMessageSizeMb):
                options.MaxReceiveMessageSizeMb = 0;
                break;
            case nameof(QdrantStoreOptions.UpsertBatchSize):
                options.UpsertBatchSize = 0;
                break;
            case nameof(QdrantStoreOptions.MaxQueryLimit):
                options.MaxQueryLimit = 0;
                break;
            default:
                options.HnswM = -1;
                break;
        }

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(option, ex.ParamName);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("12:AB")]
    [InlineData("zz")]
    public void A_thumbprint_that_is_not_a_sha256_hash_is_refused(string thumbprint)
    {
        var options = new QdrantStoreOptions { Endpoint = new Uri("https://qdrant.example:6334"), CertificateThumbprint = thumbprint };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("64 hex digits", ex.Message);
    }

    [Fact]
    public void A_thumbprint_with_colons_is_accepted()
    {
        var hex = string.Join(':', Enumerable.Repeat("AB", 32));

        new QdrantStoreOptions { Endpoint = new Uri("https://qdrant.example:6334"), CertificateThumbprint = hex }.Validate();
    }

    [Fact]
    public void A_CA_file_that_is_missing_or_holds_no_certificate_is_refused()
    {
        using var folder = new TempDirectory();
        var junk = Path.Combine(folder.Path, "junk.pem");
        File.WriteAllText(junk, "not a certificate");

        var missing = Assert.Throws<ArgumentException>(new QdrantStoreOptions { Endpoint = new Uri("https://q:6334"), CaCertificateFile = Path.Combine(folder.Path, "none.pem") }.Validate);
        var unreadable = Assert.Throws<ArgumentException>(new QdrantStoreOptions { Endpoint = new Uri("https://q:6334"), CaCertificateFile = junk }.Validate);

        Assert.Contains("does not exist", missing.Message);
        Assert.Contains("no readable certificate", unreadable.Message);
        Assert.Equal(nameof(QdrantStoreOptions.CaCertificateFile), unreadable.ParamName);
    }
}
