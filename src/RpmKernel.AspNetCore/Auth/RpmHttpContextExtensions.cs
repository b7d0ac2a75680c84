using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// Turns an authenticated request into whose data it works on: the caller of the API key, and the
/// <see cref="RpmScope"/> of a user id the request names, inside the key's tenant.
/// </summary>
public static class RpmHttpContextExtensions
{
    /// <summary>The caller of the request's API key, or null when the request was not authenticated with one.</summary>
    /// <param name="context">The request.</param>
    public static RpmCaller? GetRpmCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = context.User.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == RpmServerAuthentication.Scheme);
        if (identity?.FindFirst(RpmClaims.Tenant)?.Value is not { } tenant || identity.FindFirst(RpmClaims.KeyName)?.Value is not { } keyName)
        {
            return null;
        }

        var operations = identity.FindAll(RpmClaims.Operation)
            .Select(c => Enum.TryParse<RpmOperation>(c.Value, out var operation) ? operation : (RpmOperation?)null)
            .OfType<RpmOperation>()
            .ToHashSet();
        return new RpmCaller(keyName, tenant, operations);
    }

    /// <summary>
    /// The scope of <paramref name="userId"/> (a user id from the route, the tenant's own spelling) in the
    /// caller's tenant, for <paramref name="task"/> or <c>Rpm:Server:DefaultTask</c>. The scope's user id is
    /// the stored one, <c>&lt;tenant&gt;:&lt;userId&gt;</c>, so no call made with it reaches another tenant's users.
    /// </summary>
    /// <param name="context">The authenticated request.</param>
    /// <param name="userId">The user id the request names.</param>
    /// <param name="task">The task the request names, or null for the default.</param>
    /// <returns>The scope to call the pipeline with.</returns>
    /// <exception cref="RpmInputException">The user id or the task breaks the rules; the message says how.</exception>
    /// <exception cref="InvalidOperationException">The endpoint is not behind <see cref="RpmServerAuthentication.RequireRpmOperation"/>.</exception>
    public static RpmScope GetRpmScope(this HttpContext context, string userId, string? task = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetRpmCaller() ?? throw new InvalidOperationException(
            "The request carries no RPM API key identity; put the endpoint behind RequireRpmOperation(...) before asking for its scope.");
        var server = context.RequestServices.GetRequiredService<IOptions<RpmServerOptions>>().Value;
        var limits = context.RequestServices.GetService<IOptions<RpmOptions>>()?.Value.Limits ?? new RpmLimitsOptions();
        var resolvedTask = RpmTaskNames.Resolve(task, server);
        return new RpmScope(TenantUserIds.ToStored(caller.Tenant, userId, limits.MaxIdCharacters), resolvedTask);
    }
}
