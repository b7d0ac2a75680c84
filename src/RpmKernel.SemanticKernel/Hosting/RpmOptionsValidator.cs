using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Checks option values before anything runs; each error names the key and a valid value.</summary>
internal static class RpmOptionsValidator
{
    /// <summary>Throws <see cref="RpmInputException"/> for the first invalid option.</summary>
    public static void Validate(RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Retrieval.TopK >= 1, "Rpm:Retrieval:TopK must be at least 1 (default 4).");
        Require(options.Ingest.BatchSize >= 1, "Rpm:Ingest:BatchSize must be at least 1 (1 = one item per call, default 8).");
        Require(options.Ingest.MaxFactors >= 1, "Rpm:Ingest:MaxFactors must be at least 1 (default 8).");
        Require(options.Ingest.ClusterChunkSize >= 2, "Rpm:Ingest:ClusterChunkSize must be at least 2 (default 400).");
        Require(options.Ingest.MaxItemCharacters >= 1, "Rpm:Ingest:MaxItemCharacters must be at least 1 (default 8000).");
        Require(options.Ingest.MaxItems >= 1, "Rpm:Ingest:MaxItems must be at least 1 (default 10000).");
        Require(options.Ingest.ReclusterAfterUnmappedLabels >= 1, "Rpm:Ingest:ReclusterAfterUnmappedLabels must be at least 1 (1 = re-cluster at the first unmapped label).");
        options.Limits.Validate();
        Require(options.Chat.MaxConcurrency >= 1, "Rpm:Chat:MaxConcurrency must be at least 1 (default 8).");
        Require(options.Chat.MaxRetries >= 0, "Rpm:Chat:MaxRetries must be 0 or more (default 5).");
        Require(options.Chat.Timeout > TimeSpan.Zero, "Rpm:Chat:Timeout must be positive, for example 00:01:00.");
        Require(options.Chat.Timeout >= TimeSpan.FromMilliseconds(10) && options.Chat.Timeout <= TimeSpan.FromDays(1), "Rpm:Chat:Timeout must be between 00:00:00.010 and 1.00:00:00 (default 00:01:00).");
        Require(options.Chat.RetryDelay >= TimeSpan.Zero && options.Chat.RetryDelay <= TimeSpan.FromDays(1), "Rpm:Chat:RetryDelay must be between 00:00:00 and 1.00:00:00 (default 00:00:02).");
        RequireHttpEndpoint(options.Chat.Endpoint, "Rpm:Chat:Endpoint", "http://localhost:11434/v1");
        RequireHttpEndpoint(options.Embeddings.Endpoint, "Rpm:Embeddings:Endpoint", "http://localhost:11434/v1");
        Require(!string.IsNullOrWhiteSpace(options.Chat.Model), "Rpm:Chat:Model is empty; set a chat model id such as gpt-4o-mini.");
        StageChatValidator.Validate(options.Chat);
        Require(options.Embeddings.Dimensions is null or >= 1, "Rpm:Embeddings:Dimensions must be positive when set.");
        Require(!string.IsNullOrWhiteSpace(options.Store.Sqlite.Path), "Rpm:Store:Sqlite:Path is empty; set a database file such as .rpm/rpm.db.");
        if (options.Store.Provider == StoreProvider.Qdrant)
        {
            _ = QdrantStoreOptions(options.Store.Qdrant);
        }
    }

    /// <summary>The Qdrant store options of <c>Rpm:Store:Qdrant</c>; throws <see cref="RpmInputException"/> naming the key when one is invalid.</summary>
    public static QdrantStoreOptions QdrantStoreOptions(RpmQdrantOptions qdrant)
    {
        ArgumentNullException.ThrowIfNull(qdrant);
        Require(
            Uri.TryCreate(qdrant.Endpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps),
            $"Rpm:Store:Qdrant:Endpoint '{qdrant.Endpoint}' is not an absolute http:// or https:// address; set the server's gRPC endpoint, for example http://localhost:6334.");
        var store = new QdrantStoreOptions
        {
            Endpoint = endpoint!,
            ApiKey = qdrant.ApiKey,
            Collection = qdrant.Collection,
            Timeout = qdrant.Timeout,
            CertificateThumbprint = string.IsNullOrWhiteSpace(qdrant.CertificateThumbprint) ? null : qdrant.CertificateThumbprint,
            CaCertificateFile = string.IsNullOrWhiteSpace(qdrant.CaCertificateFile) ? null : qdrant.CaCertificateFile,
            MaxReceiveMessageSizeMb = qdrant.MaxReceiveMessageSizeMb,
            UpsertBatchSize = qdrant.UpsertBatchSize,
            MaxQueryLimit = qdrant.MaxQueryLimit,
            HnswM = qdrant.HnswM,
            HnswPayloadM = qdrant.HnswPayloadM,
        };
        try
        {
            store.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new RpmInputException($"Rpm:Store:Qdrant:{ex.ParamName} is invalid. {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}", ex);
        }

        return store;
    }

    /// <summary>An endpoint left out is fine (the provider's own); one given must be an absolute http or https address.</summary>
    private static void RequireHttpEndpoint(Uri? endpoint, string key, string example) => Require(
        endpoint is null || (endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)),
        $"{key} '{endpoint?.OriginalString}' is not an absolute http:// or https:// address; set the server's base URL, for example {example}, or leave it out for api.openai.com.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RpmInputException(message);
        }
    }
}
