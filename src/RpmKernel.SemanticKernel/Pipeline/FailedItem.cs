namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>A history item that could not be built, with the stage and the reason; nothing of it was stored.</summary>
/// <param name="ItemId">The history item id.</param>
/// <param name="Stage">The stage that failed (for example <c>extract-features</c>).</param>
/// <param name="Error">What went wrong.</param>
public sealed record FailedItem(string ItemId, string Stage, string Error);
