using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.AspNetCore.Hosting;

namespace RpmKernel.AspNetCore.RateLimiting;

/// <summary>
/// The ASP.NET Core rate-limiter policy of the RPM endpoints: one fixed-window limiter per API key name (never the
/// key itself), sized by <see cref="RpmRateLimitOptions"/>, and a 429 problem-details answer with <c>Retry-After</c>
/// when a key is over. Its own rejection answer, so a host's global <c>OnRejected</c> is left alone.
/// </summary>
internal sealed class ApiKeyRateLimiterPolicy(IOptions<RpmServerOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy name <c>MapRpm</c> puts on its group.</summary>
    public const string PolicyName = "Rpm.PerApiKey";

    private readonly RpmRateLimitOptions _limits = options.Value.RateLimit;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => OnRejectedAsync;

    /// <summary>The limiter of a request: its key's, by name. A request without a key is refused before it gets here.</summary>
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.GetRpmCaller() is not { } caller)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limit = Effective(caller.KeyName);
        if (limit.Permits == 0)
        {
            return RateLimitPartition.GetNoLimiter(caller.KeyName);
        }

        return RateLimitPartition.GetFixedWindowLimiter(caller.KeyName, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = limit.Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private (int Permits, TimeSpan Window, int Queue) Effective(string keyName)
    {
        _limits.Keys.TryGetValue(keyName, out var key);
        return (key?.PermitsPerWindow ?? _limits.PermitsPerWindow, _limits.Window, key?.QueueLimit ?? _limits.QueueLimit);
    }

    private async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var keyName = context.GetRpmCaller()?.KeyName ?? "this key";
        var limit = Effective(keyName);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"The API key '{keyName}' made more than {limit.Permits} requests in {limit.Window.TotalSeconds:0.###} s; retry after {seconds} s, or ask the operator to raise {RpmServerOptions.SectionName}:RateLimit:Keys:{keyName}:PermitsPerWindow.");
        await RpmProblems.Write(context, StatusCodes.Status429TooManyRequests, "Too many requests for this key", detail).ConfigureAwait(false);
    }
}
