using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RpmKernel.SemanticKernel.Telemetry;

/// <summary>
/// RPM's traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <c>Rpm</c>. Spans and measurements carry stage names, prompt versions, token counts and cache
/// hits, never user text.
/// </summary>
internal static class RpmTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Rpm";

    /// <summary>The source of one span per operation and per stage call.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The meter of the counters below.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Chat-model calls sent (cache hits excluded), tagged with the stage.</summary>
    public static Counter<long> Calls { get; } = Meter.CreateCounter<long>("rpm.calls", "{call}", "Chat-model calls sent.");

    /// <summary>Responses answered by the response cache, tagged with the stage.</summary>
    public static Counter<long> CacheHits { get; } = Meter.CreateCounter<long>("rpm.cache.hits", "{call}", "Stage calls answered by the response cache.");

    /// <summary>Prompt tokens spent, tagged with the stage.</summary>
    public static Counter<long> InputTokens { get; } = Meter.CreateCounter<long>("rpm.tokens.input", "{token}", "Prompt tokens spent.");

    /// <summary>Completion tokens spent, tagged with the stage.</summary>
    public static Counter<long> OutputTokens { get; } = Meter.CreateCounter<long>("rpm.tokens.output", "{token}", "Completion tokens spent.");

    /// <summary>Stage calls that failed after their retries, tagged with the stage.</summary>
    public static Counter<long> Failures { get; } = Meter.CreateCounter<long>("rpm.failures", "{call}", "Stage calls that failed after their retries.");

    /// <summary>Retries: <c>rpm.retry.kind</c> is <c>http</c> (429, 5xx, timeout) or <c>repair</c> (invalid output fed back).</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>("rpm.retries", "{retry}", "Model calls retried after a transient error or an invalid answer.");

    /// <summary>The tag of the stage on spans and measurements.</summary>
    public const string StageTag = "rpm.stage";

    /// <summary>The tag of the prompt version on spans.</summary>
    public const string PromptVersionTag = "rpm.prompt_version";

    /// <summary>The tag of the number of records a search returned.</summary>
    public const string ResultsTag = "rpm.results";

    /// <summary>The tag saying why a call was retried.</summary>
    public const string RetryKindTag = "rpm.retry.kind";

    internal static KeyValuePair<string, object?> Stage(string stage) => new(StageTag, stage);
}
