using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Decides which failures cost one item and which stop the run: invalid output and transient
/// HTTP errors fail the items involved; a refused key or an unknown model fails everything, so it
/// is raised once with how to fix it instead of being repeated for every item.
/// </summary>
internal static class StageFailures
{
    /// <summary>True when <paramref name="ex"/> costs the items involved; a cancellation by the caller never does.</summary>
    public static bool IsItemFailure(Exception ex, CancellationToken cancellationToken) => !cancellationToken.IsCancellationRequested && ex switch
    {
        RpmModelOutputException or Batching.BatchLineFailedException => true,
        _ when IsConfigurationError(StatusOf(ex)) => false,
        HttpOperationException or ClientResultException or HttpRequestException or TaskCanceledException => true,
        _ => false,
    };

    public static Exception Explain(Exception ex) => IsConfigurationError(StatusOf(ex))
        ? new RpmInputException(StatusOf(ex) switch
        {
            HttpStatusCode.NotFound => $"The chat model endpoint answered 404{Said(ex)}: the model or the endpoint path is wrong; check Rpm:Chat:Model and Rpm:Chat:Endpoint (it usually ends in /v1).",
            _ => $"The chat model endpoint refused the API key{Said(ex)}; set OPENAI_API_KEY or Rpm:Chat:ApiKey to a valid key.",
        }, ex)
        : ex;

    /// <summary>The server's own text as a clause (<c> ("model 'x' not found")</c>), or nothing when it sent none.</summary>
    private static string Said(Exception ex) => ServerErrorText.Of(ex) is { } text ? $" (\"{text}\")" : "";

    /// <summary>The HTTP status of a failed model call, whichever client made it (Semantic Kernel's connectors, the OpenAI SDK, a plain HttpClient).</summary>
    private static HttpStatusCode? StatusOf(Exception ex) => ex switch
    {
        HttpOperationException http => http.StatusCode,
        ClientResultException client when client.Status > 0 => (HttpStatusCode)client.Status,
        HttpRequestException request => request.StatusCode,
        _ => null,
    };

    private static bool IsConfigurationError(HttpStatusCode? status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}
