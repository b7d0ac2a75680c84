namespace RpmKernel.SemanticKernel.Options;

/// <summary>A configuration key under <c>Rpm</c> that binds to no option, and what was probably meant.</summary>
/// <param name="Key">The key as written, for example <c>Rpm:Chat:Modle</c>.</param>
/// <param name="Suggestions">The nearest valid keys (usually one); empty when nothing is close.</param>
/// <param name="Parent">The valid key the unknown one sits under, for example <c>Rpm:Chat</c>.</param>
/// <param name="Siblings">The keys <paramref name="Parent"/> does take; empty when it takes a value, not keys.</param>
internal sealed record UnknownRpmSetting(string Key, IReadOnlyList<string> Suggestions, string Parent, IReadOnlyList<string> Siblings)
{
    /// <summary>What to do about it, for example <c>did you mean Rpm:Chat:Model?</c>.</summary>
    public string Hint =>
        Suggestions.Count > 0 ? $"did you mean {string.Join(" or ", Suggestions)}?"
        : Siblings.Count > 0 ? $"no close match; {Parent} takes {string.Join(", ", Siblings)}"
        : $"no close match; {Parent} takes a value, not keys under it";
}
