using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Jobs;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {prefix}/users/{userId}/ingest</c> (202 at once with a job id) and <c>GET {prefix}/jobs/{jobId}</c>
/// (progress per stage, failed items, the outcome); a job is visible to its tenant only.
/// </summary>
internal static class JobEndpoints
{
    private const string Example = """{"items": [{"id": "m1", "query": "A clerk rebels against the watchers.", "answer": "dystopia"}], "task": "lamp2"}""";

    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{userId}/ingest", IngestAsync)
            .RequireRpmOperation(RpmOperation.Ingest)
            .WithName("Ingest")
            .WithSummary("Start learning the user's history; answers 202 with the job at once")
            .Accepts<IngestRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/jobs/{jobId}", Job)
            .RequireRpmOperation(RpmOperation.Ingest)
            .WithName("Job")
            .WithSummary("An ingest job's status, progress per stage and failed items")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> IngestAsync(string userId, HttpContext http, IngestJobRunner runner, IOptions<RpmOptions> rpm, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IngestRequest>(http.Request, Example, cancellationToken).ConfigureAwait(false);
        if (body.Items is not { Count: > 0 } items)
        {
            throw new RpmInputException($"The body has no \"items\"; send the user's history, such as {Example}.");
        }

        var scope = http.GetRpmScope(userId, body.Task);

        // Checked now, so a bad history is a 400 here rather than a failed job later.
        HistoryValidator.Validate(scope.UserId, items, rpm.Value.Ingest, rpm.Value.Limits.MaxIdCharacters);
        var pipeline = http.RequestServices.GetRequiredService<IRpmPipeline>();
        if (pipeline is RpmPipeline concrete)
        {
            HistoryValidator.ValidateAnswers(concrete.GetTask(scope.Task), items);
        }

        var caller = TenantResults.Caller(http);
        var now = DateTimeOffset.UtcNow;
        var job = runner.Submit(new IngestJob
        {
            Id = IngestJobStore.NewId(),
            Tenant = caller.Tenant,
            UserId = userId.Trim(),
            StoredUserId = scope.UserId,
            Task = scope.Task,
            Rebuild = body.Rebuild,
            Items = items,
            ItemCount = items.Count,
            CreatedAt = now,
            UpdatedAt = now,
        });
        var location = $"{http.Request.PathBase}{GroupPrefix(http)}/jobs/{job.Id}";
        return Results.Json(View(job), RpmJson.Compact, statusCode: StatusCodes.Status202Accepted) is var result
            ? new LocatedResult(result, location)
            : result;
    }

    private static IResult Job(string jobId, HttpContext http, IngestJobStore store)
    {
        var caller = TenantResults.Caller(http);
        return store.Find(jobId) is { } job && job.Tenant == caller.Tenant
            ? TenantResults.Json(View(job))
            : throw new RpmNotFoundException($"There is no ingest job '{jobId}' for this key's tenant; use the jobId that POST .../ingest answered.");
    }

    private static object View(IngestJob job) => new
    {
        JobId = job.Id,
        job.UserId,
        job.Task,
        job.Status,
        Items = job.ItemCount,
        job.Attempts,
        Progress = job.Progress.Values.OrderBy(p => p.Stage, StringComparer.Ordinal).ToList(),
        job.Reused,
        job.Failed,
        job.Error,
        job.CreatedAt,
        job.UpdatedAt,
        job.FinishedAt,
    };

    /// <summary>The route prefix of the group, such as <c>/v1</c>, from the matched route.</summary>
    private static string GroupPrefix(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var at = path.LastIndexOf("/users/", StringComparison.Ordinal);
        return at >= 0 ? path[..at] : "";
    }

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
