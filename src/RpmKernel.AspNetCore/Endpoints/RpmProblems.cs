using Microsoft.AspNetCore.Http;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>The server's error answers: RFC 9457 problem details with a title and a detail that says what to fix.</summary>
internal static class RpmProblems
{
    /// <summary>A problem-details result.</summary>
    public static IResult Result(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Writes a problem-details answer directly (outside an endpoint, such as an authentication challenge).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Result(status, title, detail).ExecuteAsync(context);
}
