namespace RpmKernel.Cli.Commands;

/// <summary>One check of <c>rpmk doctor</c>: what was checked, whether it passed, what was seen, and the fix when it failed.</summary>
/// <param name="Name">model, embeddings, store, prompts or settings.</param>
/// <param name="Ok">Whether the check passed.</param>
/// <param name="Detail">What was seen.</param>
/// <param name="Fix">How to fix a failure; null when it passed.</param>
internal sealed record DoctorCheck(string Name, bool Ok, string Detail, string? Fix = null);
