using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.Storage;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>
/// Turns what the pipeline throws into problem details: bad input 400, nothing stored 404, a concurrent
/// forget 409, a failing model 502, anything else 500 with the trace id (details go to the server log
/// only). Texts pass the secret redaction, and the tenant prefix of user ids is taken off again.
/// </summary>
internal sealed class RpmProblemFilter(ILogger<RpmProblemFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
            throw;
        }
        catch (Exception ex)
        {
            var (status, code, title, detail) = Classify(ex);
            if (status >= 500)
            {
                logger.LogError(ex, "RPM request {Method} {Path} failed ({Code}); trace {TraceId}.", http.Request.Method, http.Request.Path, code, http.TraceIdentifier);
            }

            return Problem(http, status, code, title, Clean(http, detail));
        }
    }

    private static IResult Problem(HttpContext http, int status, string code, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["code"] = code,
            ["traceId"] = http.TraceIdentifier,
        });

    private static (int Status, string Code, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } large =>
            (StatusCodes.Status413PayloadTooLarge, "too_large", "Request body too large", large.Message),
        BadHttpRequestException bad => (bad.StatusCode, "bad_request", "Bad request", bad.Message),
        RpmNotFoundException missing => (StatusCodes.Status404NotFound, "not_found", "Not found", missing.Message),
        EmbeddingDimensionMismatchException => (StatusCodes.Status503ServiceUnavailable, "embeddings_changed", "Store needs a reindex",
            "The store was built with another embedding model than the server's; the operator must run `rpmk reindex`."),
        EmbeddingModelMismatchException => (StatusCodes.Status503ServiceUnavailable, "embeddings_changed", "Store needs a reindex",
            "The user's records were embedded with another embedding model than the server's; the operator must run `rpmk reindex`."),
        RpmInputException input => (StatusCodes.Status400BadRequest, "input", "Invalid request", input.Message),
        UserForgottenException forgotten => (StatusCodes.Status409Conflict, "forgotten", "User forgotten meanwhile", forgotten.Message),
        TimeoutException waited => (StatusCodes.Status503ServiceUnavailable, "busy", "Busy", waited.Message),
        RpmModelOutputException => (StatusCodes.Status502BadGateway, "model_output", "Model output invalid",
            "The model kept returning invalid output after the retries; retry the request."),
        HttpOperationException or HttpRequestException => (StatusCodes.Status502BadGateway, "model_unavailable", "Model unavailable",
            "The model endpoint failed or could not be reached; retry later."),
        OperationCanceledException => (StatusCodes.Status504GatewayTimeout, "timeout", "Model timed out", "A model call timed out; retry later."),
        _ => (StatusCodes.Status500InternalServerError, "unexpected", "Unexpected failure", "The server failed unexpectedly; its log has the details under the trace id."),
    };

    private static string Clean(HttpContext http, string detail)
    {
        if (http.GetRpmCaller() is { } caller)
        {
            detail = detail.Replace(caller.Tenant + TenantUserIds.Separator, "", StringComparison.Ordinal);
        }

        var options = http.RequestServices.GetService<IOptions<RpmOptions>>()?.Value;
        return options is null ? detail : RpmSecrets.Redactor(options).Redact(detail);
    }
}
