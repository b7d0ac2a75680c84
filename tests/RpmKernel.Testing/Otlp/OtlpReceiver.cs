using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RpmKernel.Testing.Otlp;

/// <summary>
/// A stand-in OpenTelemetry collector for tests: an OTLP/HTTP endpoint on loopback (Kestrel, random
/// port) that records every export request (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) and
/// answers 200 with an empty protobuf response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpRequest> _requests = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, such as <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The export requests received so far, in arrival order.</summary>
    public IReadOnlyList<OtlpRequest> Requests => [.. _requests];

    /// <summary>Starts the receiver on http://127.0.0.1 with a free port.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running receiver; dispose it to stop.</returns>
    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Build(typeof(OtlpReceiver).Assembly.GetName().Name!);
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.HandleAsync);
        receiver.Endpoint = await LoopbackApp.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return receiver;
    }

    /// <summary>Stops the receiver.</summary>
    /// <returns>A task that completes when the receiver has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        _requests.Enqueue(new OtlpRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.ContentType, body.ToArray()));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
