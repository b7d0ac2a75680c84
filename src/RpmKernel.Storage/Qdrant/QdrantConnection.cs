using System.Net;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Builds the gRPC channel to a Qdrant server from <see cref="QdrantStoreOptions"/>: HTTP/2 over
/// <c>http://</c> or TLS over <c>https://</c> (trusted per <see cref="QdrantCertificateTrust"/>),
/// the receive limit, the <c>api-key</c> header on every call, and a deadline on every call.
/// </summary>
internal static class QdrantConnection
{
    /// <summary>Opens the channel; nothing is sent until the first call.</summary>
    internal static QdrantClientSeam Connect(QdrantStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        WarnIfKeyInClear(options, logger);

        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (QdrantCertificateTrust.Callback(options) is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        var channel = GrpcChannel.ForAddress(options.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageBytes,
        });
        var apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        var invoker = channel.Intercept(metadata =>
        {
            if (apiKey is not null)
            {
                metadata.Add("api-key", apiKey);
            }

            return metadata;
        });

        // QdrantClient puts the timeout on every call as its deadline.
        return new QdrantClientSeam(new QdrantClient(new QdrantGrpcClient(invoker), options.Timeout), channel);
    }

    /// <summary>Whether <paramref name="endpoint"/> names this machine (localhost or a loopback address).</summary>
    internal static bool IsLoopback(Uri endpoint)
        => endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static void WarnIfKeyInClear(QdrantStoreOptions options, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.ApiKey) && options.Endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(options.Endpoint))
        {
            logger.LogWarning(
                "The Qdrant API key will travel unencrypted over http:// to {Endpoint}; anyone on the network path can read it. Use an https:// endpoint (Rpm:Store:Qdrant:Endpoint) for a remote server.",
                options.Endpoint.GetLeftPart(UriPartial.Authority));
        }
    }
}
