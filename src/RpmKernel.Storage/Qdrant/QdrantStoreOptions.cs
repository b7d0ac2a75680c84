using System.Globalization;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Where the Qdrant store lives and how it talks to it (<c>Rpm:Store:Qdrant</c>). The API key is
/// never written to logs or error messages.
/// </summary>
public sealed class QdrantStoreOptions
{
    /// <summary>The default gRPC endpoint of a local server.</summary>
    public static readonly Uri DefaultEndpoint = new("http://localhost:6334");

    /// <summary>The default reasoning-record collection name.</summary>
    public const string DefaultCollection = "rpm_reasoning";

    /// <summary>The default largest response the client accepts, in megabytes (gRPC's own default is 4).</summary>
    public const int DefaultMaxReceiveMessageSizeMb = 64;

    /// <summary>The default number of points per upsert request.</summary>
    public const int DefaultUpsertBatchSize = 256;

    /// <summary>The server's gRPC endpoint (port 6334 by default): <c>http://</c> for plain HTTP/2, <c>https://</c> for TLS.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The API key, or null for a server without authentication. Sent as the <c>api-key</c> header of every call.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The reasoning-record collection; the other collections derive their names from it.</summary>
    public string Collection { get; set; } = DefaultCollection;

    /// <summary>The deadline of every call to the server. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With <c>https://</c>: trust a server certificate (or one of its chain) whose SHA-256
    /// thumbprint is this hex string (colons or hyphens allowed), e.g. a self-signed certificate.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>With <c>https://</c>: a PEM or DER file holding the CA certificate(s) that signed the server's certificate, trusted in place of the system store.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>The largest response the client accepts, in megabytes; read pages are sized to stay well under it. Default 64.</summary>
    public int MaxReceiveMessageSizeMb { get; set; } = DefaultMaxReceiveMessageSizeMb;

    /// <summary>Points per upsert request (at most the server's strict-mode <c>upsert_max_batchsize</c>). Default 256.</summary>
    public int UpsertBatchSize { get; set; } = DefaultUpsertBatchSize;

    /// <summary>The server's strict-mode <c>max_query_limit</c>, or null without strict mode: scroll pages stay at or under it, and a search asking for more fails before it is sent.</summary>
    public int? MaxQueryLimit { get; set; }

    /// <summary>HNSW <c>m</c> of reasoning collections this store creates, or null for the server's default; <c>0</c> with <see cref="HnswPayloadM"/> builds per-user graphs only (multitenancy).</summary>
    public int? HnswM { get; set; }

    /// <summary>HNSW <c>payload_m</c> of reasoning collections this store creates (the per-tenant graph degree, e.g. 16), or null for the server's default.</summary>
    public int? HnswPayloadM { get; set; }

    /// <summary>The user-model collection: <c>&lt;Collection&gt;_user_models</c>.</summary>
    public string UserModelCollection => Collection + "_user_models";

    /// <summary>The response-cache collection: <c>&lt;Collection&gt;_cache</c>.</summary>
    public string CacheCollection => Collection + "_cache";

    /// <summary>The usage-ledger collection: <c>&lt;Collection&gt;_usage</c>.</summary>
    public string UsageCollection => Collection + "_usage";

    /// <summary>The write-lease collection: <c>&lt;Collection&gt;_leases</c>, one point per user and task being written.</summary>
    public string LeaseCollection => LeaseCollectionOf(Collection);

    /// <summary>The lease collection that goes with a reasoning collection.</summary>
    internal static string LeaseCollectionOf(string collection) => collection + "_leases";

    /// <summary>The largest response the client accepts, in bytes.</summary>
    internal int MaxReceiveMessageBytes => MaxReceiveMessageSizeMb * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Endpoint is not { IsAbsoluteUri: true } || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Qdrant endpoint '{Endpoint}' is not an absolute http:// or https:// address; use for example {DefaultEndpoint} (the gRPC port).", nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(Collection) || Collection.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException($"The Qdrant collection name '{Collection}' must be non-empty letters, digits, '_' or '-', for example {DefaultCollection}.", nameof(Collection));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The Qdrant timeout must be positive; it is {Timeout}.", nameof(Timeout));
        }

        ValidateTls();
        ValidateLimits();
    }

    private void ValidateTls()
    {
        if ((CertificateThumbprint is not null || CaCertificateFile is not null) && Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A certificate thumbprint or CA file is set, but the Qdrant endpoint '{Endpoint}' is not https://; use https:// or remove the certificate options.", CertificateThumbprint is null ? nameof(CaCertificateFile) : nameof(CertificateThumbprint));
        }

        if (CertificateThumbprint is not null && !QdrantCertificateTrust.IsThumbprint(CertificateThumbprint))
        {
            throw new ArgumentException("The Qdrant certificate thumbprint must be the certificate's SHA-256 hash as 64 hex digits (colons or hyphens allowed), e.g. from 'openssl x509 -noout -fingerprint -sha256 -in cert.pem'.", nameof(CertificateThumbprint));
        }

        if (CaCertificateFile is not null && !File.Exists(CaCertificateFile))
        {
            throw new ArgumentException($"The Qdrant CA certificate file '{CaCertificateFile}' does not exist; set the path of the PEM or DER file of the CA that signed the server's certificate.", nameof(CaCertificateFile));
        }

        if (CaCertificateFile is not null)
        {
            try
            {
                QdrantCertificateTrust.ReadCaFile(CaCertificateFile).ToList().ForEach(c => c.Dispose());
            }
            catch (InvalidOperationException ex)
            {
                throw new ArgumentException(ex.Message, nameof(CaCertificateFile), ex);
            }
        }
    }

    private void ValidateLimits()
    {
        if (MaxReceiveMessageSizeMb is < 1 or > 2047)
        {
            throw new ArgumentException($"The Qdrant MaxReceiveMessageSizeMb must be between 1 and 2047 megabytes (default {DefaultMaxReceiveMessageSizeMb}); it is {MaxReceiveMessageSizeMb}.", nameof(MaxReceiveMessageSizeMb));
        }

        if (UpsertBatchSize < 1)
        {
            throw new ArgumentException($"The Qdrant UpsertBatchSize must be at least 1 (default {DefaultUpsertBatchSize}); it is {UpsertBatchSize}.", nameof(UpsertBatchSize));
        }

        if (MaxQueryLimit is < 1)
        {
            throw new ArgumentException($"The Qdrant MaxQueryLimit must be at least 1 when set (the server's strict-mode max_query_limit); it is {MaxQueryLimit}.", nameof(MaxQueryLimit));
        }

        if (HnswM is < 0 || HnswPayloadM is < 0)
        {
            throw new ArgumentException($"The Qdrant HNSW settings must be 0 or more; HnswM is {HnswM?.ToString(CultureInfo.InvariantCulture) ?? "unset"}, HnswPayloadM is {HnswPayloadM?.ToString(CultureInfo.InvariantCulture) ?? "unset"}.", HnswM is < 0 ? nameof(HnswM) : nameof(HnswPayloadM));
        }
    }
}
