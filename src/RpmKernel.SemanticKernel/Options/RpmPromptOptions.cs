namespace RpmKernel.SemanticKernel.Options;

/// <summary>Prompt templates and their versions.</summary>
public sealed class RpmPromptOptions
{
    /// <summary>The prompts folder; null means the <c>prompts/</c> folder shipped next to the application.</summary>
    public string? Directory { get; set; }

    /// <summary>Version per stage (for example <c>generate = v2</c>); stages not listed use <c>v1</c>.</summary>
    public Dictionary<string, string> Versions { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
