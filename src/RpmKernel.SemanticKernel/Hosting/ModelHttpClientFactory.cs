using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Telemetry;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// The one <see cref="HttpClient"/> the model connectors send through: each attempt is bounded by
/// Rpm:Chat:Timeout, and 429, 5xx and timed-out attempts are retried up to Rpm:Chat:MaxRetries times
/// with exponential backoff and jitter, honouring Retry-After. The connectors' own retries are off,
/// so the two never multiply.
/// </summary>
internal static class ModelHttpClientFactory
{
    /// <param name="chat">The retry, backoff and timeout settings.</param>
    /// <param name="loggerFactory">Where each retry is logged as a warning.</param>
    /// <param name="onRetry">Called before each wait for a retry (from the pipeline's thread); null for none.</param>
    /// <param name="outermost">A step before the retries and timeouts (the Batch API transport, whose parked requests wait longer than one attempt may); null for none.</param>
    public static HttpClient Create(RpmChatOptions chat, ILoggerFactory? loggerFactory, Action<ModelRetry>? onRetry = null, DelegatingHandler? outermost = null)
    {
        var logger = loggerFactory?.CreateLogger(typeof(ModelHttpClientFactory).FullName!) ?? NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (chat.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = chat.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = chat.RetryDelay,
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    RpmTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(RpmTelemetry.RetryKindTag, "http"));
                    var retry = new ModelRetry(ModelRetry.CurrentStage.Value, args.RetryDelay, Reason(args.Outcome), args.AttemptNumber + 2, chat.MaxRetries + 1);
                    logger.LogWarning(
                        "Model call of {Stage} failed ({Reason}); retrying in {Delay} ms (attempt {Attempt} of {Attempts})",
                        retry.Stage ?? "embeddings",
                        retry.Reason,
                        (long)retry.Delay.TotalMilliseconds,
                        retry.NextAttempt,
                        retry.MaxAttempts);
                    onRetry?.Invoke(retry);
                    return default;
                },
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = chat.Timeout });
        var resilience = new ResilienceHandler(builder.Build()) { InnerHandler = new SocketsHttpHandler() };
        var explained = new TimeoutExplainingHandler(chat.Timeout) { InnerHandler = resilience };

        HttpMessageHandler first = explained;
        if (outermost is not null)
        {
            outermost.InnerHandler = explained;
            first = outermost;
        }

        // The pipeline bounds every attempt; HttpClient's own 100 s limit would cut the retries short.
        return new HttpClient(first) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } ex } => ex.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "no response",
    };

    /// <summary>Turns the pipeline's timeout into an HTTP error that says which setting to raise.</summary>
    private sealed class TimeoutExplainingHandler(TimeSpan timeout) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Polly.Timeout.TimeoutRejectedException ex)
            {
                throw new HttpRequestException(
                    $"The model did not answer within Rpm:Chat:Timeout ({timeout}) on any attempt; raise Rpm:Chat:Timeout for slow models.",
                    ex,
                    HttpStatusCode.RequestTimeout);
            }
        }
    }
}
