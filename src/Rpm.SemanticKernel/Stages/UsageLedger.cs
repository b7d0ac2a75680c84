using System.Collections.Concurrent;
using Rpm.Core.Records;

namespace Rpm.SemanticKernel.Stages;

/// <summary>Counts the model calls and tokens of one operation, per stage; safe to share across parallel calls.</summary>
public sealed class UsageLedger
{
    private readonly ConcurrentDictionary<string, TokenUsage> _byStage = new(StringComparer.Ordinal);

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
}
