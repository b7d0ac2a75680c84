using System.Diagnostics;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Where the time of a personalize call goes, from the product's own spans on the <c>Rpm</c> source
/// (the cheapest sampling, so the listener costs next to nothing): the query embedding
/// (<c>rpm.embed</c>), the vector search (<c>rpm.search</c>), the stage calls (<c>rpm.stage …</c>:
/// prompt rendering, the kernel function, the response cache, the model call) and, inside them, the
/// model calls (<c>chat …</c>: the connector, HTTP, the server). Calls are measured one at a time,
/// so the totals before and after a call are that call's.
/// </summary>
internal sealed class SpanTimes : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Lock _lock = new();
    private Totals _totals;

    public SpanTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Rpm",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The time spent so far in each kind of span, in milliseconds.</summary>
    public Totals Now()
    {
        lock (_lock)
        {
            return _totals;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Activity activity)
    {
        var ms = activity.Duration.TotalMilliseconds;
        lock (_lock)
        {
            _totals = activity.OperationName switch
            {
                "rpm.embed" => _totals with { Embed = _totals.Embed + ms },
                "rpm.search" => _totals with { Search = _totals.Search + ms },
                var name when name.StartsWith("rpm.stage ", StringComparison.Ordinal) => _totals with { Stages = _totals.Stages + ms },
                var name when name.StartsWith("chat", StringComparison.Ordinal) => _totals with { ModelCalls = _totals.ModelCalls + ms },
                _ => _totals,
            };
        }
    }

    /// <summary>Milliseconds spent in each kind of span.</summary>
    internal readonly record struct Totals(double Embed, double Search, double Stages, double ModelCalls)
    {
        public static Totals operator -(Totals after, Totals before) =>
            new(after.Embed - before.Embed, after.Search - before.Search, after.Stages - before.Stages, after.ModelCalls - before.ModelCalls);
    }
}
