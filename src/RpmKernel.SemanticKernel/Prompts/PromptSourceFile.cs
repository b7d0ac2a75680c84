namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>One prompt file of <see cref="PromptSources"/>.</summary>
/// <param name="Key">Its path inside the prompts tree, such as <c>rpm/generate/v1.yaml</c>.</param>
/// <param name="Source"><see cref="PromptLibrary.BundledSource"/> or the user directory it was found in.</param>
/// <param name="Location">The file path, or <c>bundled:&lt;key&gt;</c> for a bundled file; used in messages.</param>
/// <param name="Read">Reads the file's text.</param>
internal sealed record PromptSourceFile(string Key, string Source, string Location, Func<string> Read)
{
    /// <summary>The file name without extension (a version or a task name).</summary>
    public string Name => Path.GetFileNameWithoutExtension(Key);
}
