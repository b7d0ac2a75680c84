using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>Mounts the per-user HTML page that shows what RPM learned about a user.</summary>
public static class RpmUserPageEndpointRouteBuilderExtensions
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Maps <c>GET {prefix}/users/{userId}[?task=TASK]</c>: the user's factors with their statistics as charts, the
    /// reasoning records and the provenance of recent answers, for a user of the key's tenant. The key (one with the
    /// Explain operation) comes from <c>Authorization: Bearer</c>, or from a form on the page that keeps it in an
    /// HttpOnly cookie (<c>POST</c> to the same address); never from the URL. Needs <c>AddRpm</c> and <c>AddRpmServer</c>.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="prefix">The route prefix of the pages, such as <c>/ui</c>.</param>
    /// <returns>The group of the page endpoints.</returns>
    public static RouteGroupBuilder MapRpmUserPages(this IEndpointRouteBuilder endpoints, string prefix = "/ui")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription();
        var cookiePath = "/" + prefix.Trim('/');
        group.MapGet("/users/{userId}", (string userId, string? task, HttpContext http, CancellationToken cancellationToken) =>
            ShowAsync(userId, task, http, cancellationToken));
        group.MapPost("/users/{userId}", (string userId, HttpContext http, CancellationToken cancellationToken) =>
            RememberKeyAsync(http, cookiePath, cancellationToken));
        return group;
    }

    private static async Task<IResult> ShowAsync(string userId, string? task, HttpContext http, CancellationToken cancellationToken)
    {
        Secure(http.Response);
        var caller = await UserPageCaller.FindAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            return Html(StatusCodes.Status401Unauthorized, UserPageRenderer.Login(http.Request.Path + http.Request.QueryString, problem: null));
        }

        if (!caller.Allows(RpmOperation.Explain))
        {
            return Html(StatusCodes.Status403Forbidden, UserPageRenderer.Login(http.Request.Path + http.Request.QueryString,
                $"The API key '{caller.KeyName}' may not call Explain, which this page needs; use a key that has it."));
        }

        RpmScope scope;
        try
        {
            scope = Scope(http, caller, userId, task);
        }
        catch (RpmInputException ex)
        {
            return Html(StatusCodes.Status400BadRequest, UserPageRenderer.Login(http.Request.Path, ex.Message));
        }

        var pipeline = http.RequestServices.GetRequiredService<IRpmPipeline>();
        var recent = http.RequestServices.GetRequiredService<RecentAnswers>();
        UserModel model;
        try
        {
            model = await pipeline.ExplainAsync(scope.UserId, scope.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpmNotFoundException or RpmInputException)
        {
            recent.Forget(scope.UserId, scope.Task);
            var display = TenantUserIds.FromStored(caller.Tenant, scope.UserId) ?? userId;
            return Html(StatusCodes.Status404NotFound, UserPageRenderer.Login(http.Request.Path + http.Request.QueryString,
                $"Nothing is stored for user '{display}' and task {scope.Task} in this tenant; ingest the user's history first."));
        }

        var records = pipeline is RpmPipeline rpm
            ? await rpm.GetRecordsAsync(scope.UserId, scope.Task, cancellationToken).ConfigureAwait(false)
            : [];
        var shown = TenantUserIds.FromStored(caller.Tenant, scope.UserId) ?? userId;
        return Html(StatusCodes.Status200OK, UserPageRenderer.Render(shown, model, records, recent.Of(scope)));
    }

    private static async Task<IResult> RememberKeyAsync(HttpContext http, string cookiePath, CancellationToken cancellationToken)
    {
        Secure(http.Response);

        // The cookie is SameSite=Strict; refusing cross-site posts also stops a page elsewhere from setting a key here.
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return Html(StatusCodes.Status403Forbidden, UserPageRenderer.Login(http.Request.Path, "The form was sent from another site; open this page directly and enter the key here."));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false) : null;
        var key = form?["key"].ToString().Trim() ?? "";
        if (key.Length == 0 || http.RequestServices.GetRequiredService<ApiKeyRegistry>().Find(key) is null)
        {
            return Html(StatusCodes.Status401Unauthorized, UserPageRenderer.Login(http.Request.Path,
                "That is not one of the server's API keys; check it for typos or ask the operator for a key."));
        }

        UserPageCaller.Remember(http, key, cookiePath);
        return Results.Redirect(http.Request.Path, permanent: false, preserveMethod: false);
    }

    private static RpmScope Scope(HttpContext http, RpmCaller caller, string userId, string? task)
    {
        var server = http.RequestServices.GetRequiredService<IOptions<RpmServerOptions>>().Value;
        var limits = http.RequestServices.GetService<IOptions<RpmOptions>>()?.Value.Limits ?? new RpmLimitsOptions();
        return new RpmScope(TenantUserIds.ToStored(caller.Tenant, userId, limits.MaxIdCharacters), RpmTaskNames.Resolve(task, server));
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
