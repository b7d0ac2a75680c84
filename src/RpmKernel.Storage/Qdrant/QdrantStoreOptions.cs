namespace RpmKernel.Storage.Qdrant;

/// <summary>Where the Qdrant store lives (<c>Rpm:Store:Qdrant</c>). The API key is never written to logs or error messages.</summary>
public sealed class QdrantStoreOptions
{
    /// <summary>The default gRPC endpoint of a local server.</summary>
    public static readonly Uri DefaultEndpoint = new("http://localhost:6334");

    /// <summary>The default reasoning-record collection name.</summary>
    public const string DefaultCollection = "rpm_reasoning";

    /// <summary>The server's gRPC endpoint (port 6334 by default): <c>http://</c> for plain HTTP/2, <c>https://</c> for TLS.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The API key, or null for a server without authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The reasoning-record collection; the other collections derive their names from it.</summary>
    public string Collection { get; set; } = DefaultCollection;

    /// <summary>The deadline of every call to the server. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The user-model collection: <c>&lt;Collection&gt;_user_models</c>.</summary>
    public string UserModelCollection => Collection + "_user_models";

    /// <summary>The response-cache collection: <c>&lt;Collection&gt;_cache</c>.</summary>
    public string CacheCollection => Collection + "_cache";

    /// <summary>The usage-ledger collection: <c>&lt;Collection&gt;_usage</c>.</summary>
    public string UsageCollection => Collection + "_usage";

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
    }
}
