namespace RpmKernel.Core.Answers;

/// <summary>One option of an opinion question.</summary>
/// <param name="Marker">The option's letter or number as written ("A", "2"), without punctuation; empty for "-" options.</param>
/// <param name="Text">The option text, trimmed.</param>
public sealed record OpinionOption(string Marker, string Text);
