namespace RpmKernel.Core.Records;

/// <summary>Model calls and tokens spent by an operation.</summary>
/// <param name="Calls">Number of chat-model calls.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
public sealed record TokenUsage(int Calls, long InputTokens, long OutputTokens)
{
    /// <summary>No calls, no tokens.</summary>
    public static TokenUsage None { get; } = new(0, 0, 0);

    /// <summary>Adds two usages.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Calls + right.Calls, left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);
    }

    /// <summary>Adds two usages.</summary>
    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;
}
