using System.Text.Json;
using Microsoft.AspNetCore.Http;
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
        if (!request.HasJsonContentType())
        {
            throw new RpmInputException($"The body must be JSON (Content-Type: application/json), such as {example}.");
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, RpmJson.Compact, cancellationToken).ConfigureAwait(false);
            return body ?? throw new RpmInputException($"The body is JSON null; send an object such as {example}.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new RpmInputException($"The body is not the JSON expected{where}; send an object such as {example}.", ex);
        }
    }
}
