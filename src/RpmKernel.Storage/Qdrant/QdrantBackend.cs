using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// One Qdrant server: runs every call through <see cref="RunAsync{T}"/>, the single place where
/// gRPC and client failures become <see cref="VectorStoreException"/>s naming the store, the
/// collection and the operation. Messages name the endpoint, never the API key.
/// </summary>
internal sealed class QdrantBackend(IQdrantClientSeam client, string endpoint) : IDisposable
{
    internal const string SystemName = "qdrant";

    /// <summary>The endpoint, reported as the vector store name.</summary>
    internal string Name { get; } = endpoint;

    internal IQdrantClientSeam Client { get; } = client;

    internal Task RunAsync(string? collectionName, string operationName, Func<IQdrantClientSeam, Task> operation)
        => RunAsync(collectionName, operationName, async c =>
        {
            await operation(c).ConfigureAwait(false);
            return true;
        });

    internal async Task<T> RunAsync<T>(string? collectionName, string operationName, Func<IQdrantClientSeam, Task<T>> operation)
    {
        try
        {
            return await operation(Client).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or QdrantException or HttpRequestException)
        {
            throw new VectorStoreException(Describe(ex, collectionName, operationName), ex)
            {
                VectorStoreSystemName = SystemName,
                VectorStoreName = Name,
                CollectionName = collectionName,
                OperationName = operationName,
            };
        }
    }

    public void Dispose() => Client.Dispose();

    private string Describe(Exception ex, string? collectionName, string operationName)
    {
        var where = collectionName is null ? $"Qdrant at {Name}" : $"collection '{collectionName}' of Qdrant at {Name}";
        var (detail, fix) = ex is RpcException rpc
            ? ($"{rpc.StatusCode}: {rpc.Status.Detail}", rpc.StatusCode switch
            {
                StatusCode.Unavailable => "Is the server running and reachable? Start one with 'docker run -p 6333:6333 -p 6334:6334 qdrant/qdrant', or set Rpm:Store:Qdrant:Endpoint to its gRPC address (port 6334, https:// for TLS).",
                StatusCode.Unauthenticated or StatusCode.PermissionDenied => "The server refused the API key; set Rpm:Store:Qdrant:ApiKey to a key with read-write access.",
                StatusCode.NotFound => "The collection does not exist; create it first with RpmStorage.EnsureReadyAsync.",
                StatusCode.DeadlineExceeded => "The server did not answer in time; retry, or check its load.",
                _ => "Check the server's log for the cause.",
            })
            : (ex.Message, "Check that the endpoint is Qdrant's gRPC port (6334 by default) and that the server is healthy.");
        return $"Qdrant failed during {operationName} on {where}: {detail} {fix}";
    }
}
