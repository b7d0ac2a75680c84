using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary><c>POST {prefix}/users/{userId}/observe</c>: learn one new interaction of the user.</summary>
internal static class ObserveEndpoints
{
    private const string Example = """{"query": "A clerk rebels against the watchers.", "answer": "dystopia", "itemId": "m42"}""";

    public static RouteGroupBuilder MapObserve(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{userId}/observe", ObserveAsync)
            .RequireRpmOperation(RpmOperation.Observe)
            .WithName("Observe")
            .WithSummary("Learn one new interaction (query and the user's answer)")
            .Accepts<ObserveRequest>("application/json")
            .Produces<ObserveResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static async Task<IResult> ObserveAsync(string userId, HttpContext http, IRpmPipeline pipeline, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ObserveRequest>(http.Request, Example, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body.Query) || string.IsNullOrWhiteSpace(body.Answer))
        {
            throw new RpmInputException($"The body needs both \"query\" and \"answer\", such as {Example}.");
        }

        var scope = http.GetRpmScope(userId, body.Task);
        var result = await pipeline.ObserveAsync(scope, body.Query, body.Answer, body.ItemId, cancellationToken).ConfigureAwait(false);
        var own = userId.Trim();
        return TenantResults.Json(result with { UserId = own, Model = TenantResults.Own(result.Model, own) });
    }
}
