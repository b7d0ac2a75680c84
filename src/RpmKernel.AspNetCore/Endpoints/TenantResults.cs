using Microsoft.AspNetCore.Http;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>Answers in the tenant's own spelling of user ids: the stored <c>&lt;tenant&gt;:</c> prefix never leaves the server.</summary>
internal static class TenantResults
{
    public static IResult Json<T>(T value) => Results.Json(value, RpmJson.Compact);

    public static UserModel Own(UserModel model, string userId) => model with { UserId = userId };

    public static RpmCaller Caller(HttpContext http) => http.GetRpmCaller()
        ?? throw new InvalidOperationException("The endpoint is not behind RequireRpmOperation(...).");
}
