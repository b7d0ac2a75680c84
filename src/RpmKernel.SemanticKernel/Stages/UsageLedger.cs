using System.Collections.Concurrent;
using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Counts the model calls and tokens of one operation, per stage; safe to share across parallel calls.
/// With a <see cref="StageCallContext"/>, the stage calls of the operation are also written to the
/// usage store and answered from the response cache.
/// </summary>
internal sealed class UsageLedger
{
    private readonly ConcurrentDictionary<string, TokenUsage> _byStage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _cacheHits = new(StringComparer.Ordinal);

    /// <summary>Creates a ledger; <paramref name="context"/> names the user and task the calls are for.</summary>
    public UsageLedger(StageCallContext? context = null)
    {
        Context = context;
    }

    /// <summary>The user and task the calls are made for, or null for calls kept out of the usage store and the cache.</summary>
    public StageCallContext? Context { get; }

    /// <summary>Records one call of <paramref name="stage"/>.</summary>
    public void Record(string stage, long inputTokens, long outputTokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        var call = new TokenUsage(1, inputTokens, outputTokens);
        _byStage.AddOrUpdate(stage, call, (_, sum) => sum + call);
    }

    /// <summary>Usage per stage.</summary>
    public IReadOnlyDictionary<string, TokenUsage> ByStage => new Dictionary<string, TokenUsage>(_byStage, StringComparer.Ordinal);

    /// <summary>Usage of all stages.</summary>
    public TokenUsage Total => _byStage.Values.Aggregate(TokenUsage.None, (sum, u) => sum + u);

    /// <summary>Notes that a call of <paramref name="stage"/> was answered by the response cache.</summary>
    public void RecordCacheHit(string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        _cacheHits.AddOrUpdate(stage, 1, (_, n) => n + 1);
    }

    /// <summary>How many calls of <paramref name="stage"/> the response cache answered.</summary>
    public int CacheHits(string stage) => _cacheHits.GetValueOrDefault(stage);
}
