namespace RpmKernel.Core.Answers;

/// <summary>The outcome of parsing a model's answer against a task profile.</summary>
/// <param name="Success">True when the answer is valid for the task.</param>
/// <param name="Value">The canonical answer (label, score text, option text or trimmed text) on success.</param>
/// <param name="Error">On failure, what was wrong and what is allowed, worded so it can be sent back to the model.</param>
public sealed record AnswerParseResult(bool Success, string? Value, string? Error)
{
    /// <summary>A valid answer with its canonical value.</summary>
    /// <param name="value">The canonical answer.</param>
    public static AnswerParseResult Ok(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(true, value, null);
    }

    /// <summary>An invalid answer with the reason.</summary>
    /// <param name="error">What was wrong and what is allowed.</param>
    public static AnswerParseResult Fail(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(false, null, error);
    }
}
