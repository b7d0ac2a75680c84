using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary><c>POST {prefix}/users/{userId}/personalize</c>: RPM stages 6–8 for one user of the caller's tenant.</summary>
internal static class PersonalizeEndpoints
{
    private const string Example = """{"query": "Which tag fits this movie: ...", "task": "lamp2"}""";

    public static RouteGroupBuilder MapPersonalize(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{userId}/personalize", PersonalizeAsync)
            .RequireRpmOperation(RpmOperation.Personalize)
            .WithName("Personalize")
            .WithSummary("Answer a query the way the user reasons")
            .WithDescription("Runs factor-aware feature extraction, feature-based retrieval and reasoning-aligned generation for the user, and returns the answer with its reasoning, the user's factors, the retrieved examples, prompt versions and usage.")
            .Accepts<PersonalizeRequest>("application/json")
            .Produces<PersonalizedAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> PersonalizeAsync(string userId, HttpContext http, IRpmPipeline pipeline, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<PersonalizeRequest>(http.Request, Example, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body.Query))
        {
            throw new RpmInputException($"The body has no \"query\"; send the query to answer, such as {Example}.");
        }

        var scope = http.GetRpmScope(userId, body.Task);
        var answer = await pipeline.PersonalizeAsync(scope.UserId, scope.Task, body.Query, cancellationToken).ConfigureAwait(false);
        http.RequestServices.GetService<UserPage.RecentAnswers>()?.Add(scope, "http", body.Query, answer);
        return Results.Json(answer, RpmJson.Compact);
    }
}
