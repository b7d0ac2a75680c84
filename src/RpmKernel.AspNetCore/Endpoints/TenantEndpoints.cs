using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Usage;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/users</c> and <c>GET {prefix}/usage</c>: the caller's tenant only, never another's.</summary>
internal static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenant(this RouteGroupBuilder group)
    {
        group.MapGet("/users", UsersAsync)
            .RequireRpmOperation(RpmOperation.Users)
            .WithName("Users")
            .WithSummary("The tenant's users: per user and task, item count, model, prompt versions, when built");
        group.MapGet("/usage", UsageAsync)
            .RequireRpmOperation(RpmOperation.Usage)
            .WithName("Usage")
            .WithSummary("Model calls, tokens and estimated cost of the tenant's users (one user with ?userId=)");
        return group;
    }

    private static async Task<IResult> UsersAsync(string? task, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = TenantResults.Caller(http);
        var runtime = http.RequestServices.GetRequiredService<RpmRuntime>();
        var taskName = string.IsNullOrWhiteSpace(task) ? null : RpmTaskNames.Resolve(task, Options(http));
        await runtime.Storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var models = await runtime.Storage.ListUserModelsAsync(taskName, cancellationToken).ConfigureAwait(false);
        var users = models
            .Select(m => (Model: m, Own: TenantUserIds.FromStored(caller.Tenant, m.UserId)))
            .Where(m => m.Own is not null)
            .Select(m => new { UserId = m.Own!, m.Model.Task, m.Model.ItemCount, m.Model.Model, m.Model.PromptVersions, m.Model.BuiltAt })
            .ToList();
        return TenantResults.Json(new { users });
    }

    private static async Task<IResult> UsageAsync(string? userId, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = TenantResults.Caller(http);
        var runtime = http.RequestServices.GetRequiredService<RpmRuntime>();
        string? stored = string.IsNullOrWhiteSpace(userId) ? null : http.GetRpmScope(userId).UserId;
        await runtime.Storage.Usage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = await runtime.Storage.Usage.GetAsync(stored, cancellationToken).ConfigureAwait(false);
        var own = new List<UsageRow>();
        foreach (var row in rows)
        {
            if (TenantUserIds.FromStored(caller.Tenant, row.UserId) is { } id)
            {
                own.Add(row with { UserId = id });
            }
        }

        return TenantResults.Json(UsageReport.Create(own, new CostEstimator(runtime.Options.Pricing)));
    }

    private static RpmServerOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RpmServerOptions>>().Value;
}
