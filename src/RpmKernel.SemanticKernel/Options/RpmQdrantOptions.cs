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

    /// <summary>Shows the endpoint and collection only, so that the options can be logged without the API key.</summary>
    public override string ToString() => $"Qdrant at {Endpoint}, collection {Collection}{(string.IsNullOrEmpty(ApiKey) ? "" : ", with API key")}";
}
