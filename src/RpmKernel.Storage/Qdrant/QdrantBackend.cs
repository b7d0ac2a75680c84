using System.Security.Authentication;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// One Qdrant server: runs every call through <see cref="RunAsync{T}"/>, which checks the server's
/// version once before the first call and is the single place where gRPC and client failures
/// become <see cref="VectorStoreException"/>s naming the store, the collection and the operation.
/// Messages name the endpoint, never the API key.
/// </summary>
internal sealed class QdrantBackend(IQdrantClientSeam client, string endpoint, QdrantStoreOptions? options = null, ILogger? logger = null) : IDisposable
{
    internal const string SystemName = "qdrant";

    // Set once a server of a supported version answered; until then every call checks first.
    private volatile bool _versionChecked;

    /// <summary>The endpoint, reported as the vector store name.</summary>
    internal string Name { get; } = endpoint;

    internal IQdrantClientSeam Client { get; } = client;

    /// <summary>The limits and creation settings (receive size, batch sizes, HNSW).</summary>
    internal QdrantStoreOptions Options { get; } = options ?? new QdrantStoreOptions();

    internal ILogger Logger { get; } = logger ?? NullLogger.Instance;

    /// <summary>The version the server reported, once checked.</summary>
    internal Version? ServerVersion { get; private set; }

    internal Task RunAsync(string? collectionName, string operationName, Func<IQdrantClientSeam, Task> operation, CancellationToken cancellationToken)
        => RunAsync(collectionName, operationName, async c =>
        {
            await operation(c).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    internal async Task<T> RunAsync<T>(string? collectionName, string operationName, Func<IQdrantClientSeam, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            if (!_versionChecked)
            {
                await CheckVersionAsync(collectionName, operationName, cancellationToken).ConfigureAwait(false);
            }

            return await operation(Client).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or QdrantException or HttpRequestException)
        {
            throw Failure(Describe(ex, collectionName, operationName), collectionName, operationName, ex);
        }
    }

    public void Dispose() => Client.Dispose();

    private async Task CheckVersionAsync(string? collectionName, string operationName, CancellationToken cancellationToken)
    {
        var reported = await Client.HealthCheckAsync(cancellationToken).ConfigureAwait(false);
        var version = QdrantServerVersion.Parse(reported);
        if (version is null || version < QdrantServerVersion.Minimum)
        {
            throw Failure(
                $"Qdrant at {Name} is version {(string.IsNullOrEmpty(reported) ? "unknown" : reported)}, but RpmKernel needs Qdrant {QdrantServerVersion.Range}; upgrade the server. Nothing was written.",
                collectionName,
                operationName,
                inner: null);
        }

        if (version < QdrantServerVersion.Tested)
        {
            Logger.LogWarning(
                "Qdrant at {Endpoint} is version {Version}; RpmKernel works with it but is tested with {Range}. Upgrade the server when you can.",
                Name,
                reported,
                QdrantServerVersion.Range);
        }

        ServerVersion = version;
        _versionChecked = true;
    }

    private VectorStoreException Failure(string message, string? collectionName, string operationName, Exception? inner)
        => new(message, inner)
        {
            VectorStoreSystemName = SystemName,
            VectorStoreName = Name,
            CollectionName = collectionName,
            OperationName = operationName,
        };

    private string Describe(Exception ex, string? collectionName, string operationName)
    {
        var where = collectionName is null ? $"Qdrant at {Name}" : $"collection '{collectionName}' of Qdrant at {Name}";
        if (TlsFailure(ex) is { } tls)
        {
            return $"Qdrant failed during {operationName} on {where}: the TLS handshake failed, a TLS/certificate problem ({tls.Message}). " +
                "If the server uses a self-signed certificate, set Rpm:Store:Qdrant:CertificateThumbprint to its SHA-256 thumbprint; for a private CA set Rpm:Store:Qdrant:CaCertificateFile; if the server has no TLS, use http://.";
        }

        var (detail, fix) = ex is RpcException rpc
            ? ($"{rpc.StatusCode}: {rpc.Status.Detail}", rpc.StatusCode switch
            {
                StatusCode.Unavailable => "Is the server running and reachable? Start one with 'docker run -p 6333:6333 -p 6334:6334 qdrant/qdrant', or set Rpm:Store:Qdrant:Endpoint to its gRPC address (port 6334, https:// for TLS).",
                StatusCode.Unauthenticated or StatusCode.PermissionDenied => "The server refused the API key; set Rpm:Store:Qdrant:ApiKey to a key with read-write access.",
                StatusCode.NotFound => "The collection does not exist; create it first with RpmStorage.EnsureReadyAsync.",
                StatusCode.DeadlineExceeded => "The server did not answer in time; retry, raise Rpm:Store:Qdrant:Timeout, or check its load.",
                StatusCode.InvalidArgument when rpc.Status.Detail.Contains("Limit exceeded", StringComparison.Ordinal) => "The server's strict mode refused the request; set Rpm:Store:Qdrant:UpsertBatchSize and Rpm:Store:Qdrant:MaxQueryLimit to its upsert_max_batchsize and max_query_limit.",
                StatusCode.ResourceExhausted => "A response exceeded the receive limit, or the server's rate limit was hit; raise Rpm:Store:Qdrant:MaxReceiveMessageSizeMb, or retry later.",
                _ => "Check the server's log for the cause.",
            })
            : (ex.Message, "Check that the endpoint is Qdrant's gRPC port (6334 by default) and that the server is healthy.");
        return $"Qdrant failed during {operationName} on {where}: {detail} {fix}";
    }

    // Grpc.Net.Client reports a failed handshake as Unavailable with the HttpRequestException as its debug exception.
    private static AuthenticationException? TlsFailure(Exception ex)
    {
        for (var e = ex is RpcException rpc ? rpc.Status.DebugException ?? ex.InnerException : ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }
}
