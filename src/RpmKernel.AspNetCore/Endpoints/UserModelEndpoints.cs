using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/users/{userId}/explain</c> and <c>DELETE {prefix}/users/{userId}</c>: read or erase one user's model.</summary>
internal static class UserModelEndpoints
{
    public static RouteGroupBuilder MapUserModel(this RouteGroupBuilder group)
    {
        group.MapGet("/users/{userId}/explain", ExplainAsync)
            .RequireRpmOperation(RpmOperation.Explain)
            .WithName("Explain")
            .WithSummary("The user's factors, statistics and provenance")
            .Produces<UserModel>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/users/{userId}", ForgetAsync)
            .RequireRpmOperation(RpmOperation.Forget)
            .WithName("Forget")
            .WithSummary("Erase what is stored about the user (one task, or every task when none is given)")
            .Produces<ForgetReceipt>();
        return group;
    }

    private static async Task<IResult> ExplainAsync(string userId, string? task, HttpContext http, IRpmPipeline pipeline, CancellationToken cancellationToken)
    {
        var scope = http.GetRpmScope(userId, task);
        var model = await pipeline.ExplainAsync(scope.UserId, scope.Task, cancellationToken).ConfigureAwait(false);
        return TenantResults.Json(TenantResults.Own(model, userId.Trim()));
    }

    private static async Task<IResult> ForgetAsync(string userId, string? task, HttpContext http, IRpmPipeline pipeline, CancellationToken cancellationToken)
    {
        var scope = http.GetRpmScope(userId, task);
        var forgottenTask = string.IsNullOrWhiteSpace(task) ? null : scope.Task;
        var receipt = await pipeline.ForgetAsync(scope.UserId, forgottenTask, cancellationToken).ConfigureAwait(false);

        // The user page's in-memory record of recent answers goes with the user.
        http.RequestServices.GetService<UserPage.RecentAnswers>()?.Forget(scope.UserId, forgottenTask);
        return TenantResults.Json(receipt);
    }
}
