using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>
/// Reads a JSON request body with one clear error for each way it can be wrong (not JSON, wrong shape,
/// empty), instead of the framework's bare 400 without a body.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body as <typeparamref name="T"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="example">A valid body, shown in the error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="RpmInputException">The body is missing, not JSON, or not of the expected shape.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.HttpContext.RequestServices.GetService<IOptions<RpmServerOptions>>()?.Value.MaxRequestBodyBytes ?? 8L * 1024 * 1024;
        if (request.ContentLength > limit)
        {
            throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!request.HasJsonContentType())
        {
            throw new RpmInputException($"The body must be JSON (Content-Type: application/json), such as {example}.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, RpmJson.Compact, cancellationToken).ConfigureAwait(false);
            return body ?? throw new RpmInputException($"The body is JSON null; send an object such as {example}.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge, ex);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new RpmInputException($"The body is not the JSON expected{where}; send an object such as {example}.", ex);
        }
    }

    private static string TooLarge(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"The body is larger than {limit} bytes (Rpm:Server:MaxRequestBodyBytes); send less, such as a history in several ingest requests.");
}
