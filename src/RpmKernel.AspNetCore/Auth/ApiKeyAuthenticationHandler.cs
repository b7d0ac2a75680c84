using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RpmKernel.AspNetCore.Endpoints;

namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the configured
/// keys; the principal carries the key's name, tenant and operations. Challenges and refusals are answered
/// with problem details that say what to send, never echoing the key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } caller)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not known."));
        }

        var claims = new List<Claim>
        {
            new(RpmClaims.KeyName, caller.KeyName),
            new(RpmClaims.Tenant, caller.Tenant),
        };
        claims.AddRange(caller.Operations.Select(o => new Claim(RpmClaims.Operation, o.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, RpmClaims.KeyName, roleType: null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        var detail = result.Failure is null
            ? $"This endpoint needs an API key: send 'Authorization: Bearer <key>' or '{RpmServerAuthentication.ApiKeyHeader}: <key>'."
            : "The API key sent is not one of the server's keys (Rpm:Server:ApiKeys); check it for typos or ask the operator for a key.";
        await RpmProblems.Write(Context, StatusCodes.Status401Unauthorized, "API key required", detail).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var operation = Context.GetEndpoint()?.Metadata.GetMetadata<RpmOperationMetadata>()?.Operation;
        var keyName = Context.User.FindFirst(RpmClaims.KeyName)?.Value ?? "this key";
        var detail = operation is null
            ? $"The API key '{keyName}' may not call this endpoint."
            : $"The API key '{keyName}' may not call {operation}; add \"{operation}\" to Rpm:Server:ApiKeys:{keyName}:Operations, or use a key that has it.";
        return RpmProblems.Write(Context, StatusCodes.Status403Forbidden, "Operation not allowed for this key", detail);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[BearerPrefix.Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        var header = request.Headers[RpmServerAuthentication.ApiKeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }
}
