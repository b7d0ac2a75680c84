using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.RateLimiting;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>The options of the RPM HTTP server, bound from <c>Rpm:Server</c>.</summary>
public sealed class RpmServerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Rpm:Server";

    /// <summary>The API keys, by name (<c>Rpm:Server:ApiKeys:&lt;n&gt;</c>; the name appears in logs, never the key).</summary>
    public IDictionary<string, RpmApiKeyOptions> ApiKeys { get; } = new Dictionary<string, RpmApiKeyOptions>(StringComparer.Ordinal);

    /// <summary>The task of a request that names none: a bundled task profile name.</summary>
    public string DefaultTask { get; set; } = "lamp2";

    /// <summary>The largest request body, in bytes (default 8 MiB); a larger one is refused with 413 before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Where ingest jobs are kept so a restarted server resumes them; null: a <c>jobs</c> folder next to the
    /// SQLite store (<c>.rpm/jobs</c> with another store). Servers behind one load balancer may share one folder
    /// (on a file system with working file locks): each job runs in one of them at a time, and any reports it.
    /// </summary>
    public string? JobsDirectory { get; set; }

    /// <summary>
    /// How often the server looks in the jobs folder for jobs no server is running (default 30 s, at most a day): one submitted to
    /// another server sharing the folder while that one was busy, or one whose server stopped or crashed in the middle.
    /// </summary>
    public TimeSpan JobsRescanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The task names a request may choose (plain names, never paths); empty allows every bundled task.</summary>
    public IList<string> AllowedTasks { get; } = [];

    /// <summary>The request rate each API key may use (<c>Rpm:Server:RateLimit</c>); needs <c>app.UseRateLimiter()</c> in the host.</summary>
    public RpmRateLimitOptions RateLimit { get; } = new();
}
