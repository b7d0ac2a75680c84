namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>The model one prompt stage calls, and the setting (or host registration) it comes from.</summary>
/// <param name="Stage">The prompt stage, for example <c>generate</c>.</param>
/// <param name="Model">The chat model id.</param>
/// <param name="Source">Where it comes from, for example <c>Rpm:Chat:ServeModel</c> or <c>UseChatClient(generate)</c>.</param>
internal sealed record StageModel(string Stage, string Model, string Source);
