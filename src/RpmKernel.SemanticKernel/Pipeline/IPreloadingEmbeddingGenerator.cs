namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// An embedding generator that loads a model into this process (the local MiniLM model) and can
/// start loading it before its first call, so the load overlaps a model call instead of following it.
/// Found through <c>GetService</c>, so it is seen through the generator's decorators.
/// </summary>
internal interface IPreloadingEmbeddingGenerator
{
    /// <summary>Starts loading the model in the background unless it is loaded or loading; returns at once and never throws (the first call reports a load failure).</summary>
    void StartLoading();
}
