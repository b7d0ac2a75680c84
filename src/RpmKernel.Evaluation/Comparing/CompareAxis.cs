namespace RpmKernel.Evaluation.Comparing;

/// <summary>One varied setting of a comparison: a stage or baseline prompt with its versions (<c>--compare</c>), or the chat model (<c>--compare-model</c>).</summary>
/// <param name="Key">The stage or baseline prompt name, or <see cref="EvalVariant.ModelKey"/>.</param>
/// <param name="Values">The versions or models, the first being the one the others are compared with.</param>
internal sealed record CompareAxis(string Key, IReadOnlyList<string> Values)
{
    /// <summary>True for <c>--compare-model</c>.</summary>
    public bool IsModel => Key == EvalVariant.ModelKey;
}
