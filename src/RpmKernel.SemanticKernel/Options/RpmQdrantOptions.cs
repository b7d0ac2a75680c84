namespace RpmKernel.SemanticKernel.Options;

/// <summary>The Qdrant store (<c>Rpm:Store:Qdrant</c>).</summary>
public sealed class RpmQdrantOptions
{
    /// <summary>The server's gRPC endpoint: <c>http://localhost:6334</c> for a local server, <c>https://...:6334</c> for a cluster with TLS.</summary>
    public string Endpoint { get; set; } = "http://localhost:6334";

    /// <summary>The API key of a secured server (set it from the environment: <c>Rpm__Store__Qdrant__ApiKey</c>); never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The reasoning-record collection; user models, cache and usage go to <c>&lt;Collection&gt;_user_models</c>, <c>_cache</c> and <c>_usage</c>.</summary>
    public string Collection { get; set; } = "rpm_reasoning";

    /// <summary>The deadline of every call to the server. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With <c>https://</c>: the SHA-256 thumbprint (hex) of the server's certificate, for a self-signed one.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>With <c>https://</c>: a PEM or DER file of the CA that signed the server's certificate, trusted instead of the system store.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>The largest response the client accepts, in megabytes. Default 64.</summary>
    public int MaxReceiveMessageSizeMb { get; set; } = 64;

    /// <summary>Points per upsert request; at most the server's strict-mode <c>upsert_max_batchsize</c>. Default 256.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>The server's strict-mode <c>max_query_limit</c>, or null without strict mode.</summary>
    public int? MaxQueryLimit { get; set; }

    /// <summary>HNSW <c>m</c> of a new reasoning collection (0 with <see cref="HnswPayloadM"/> for per-user graphs only), or null for the server's default.</summary>
    public int? HnswM { get; set; }

    /// <summary>HNSW <c>payload_m</c> of a new reasoning collection (e.g. 16), or null for the server's default.</summary>
    public int? HnswPayloadM { get; set; }

    /// <summary>Shows the endpoint and collection only, so that the options can be logged without the API key.</summary>
    public override string ToString() => $"Qdrant at {Endpoint}, collection {Collection}{(string.IsNullOrEmpty(ApiKey) ? "" : ", with API key")}";
}
