namespace RpmKernel.SemanticKernel.Options;

/// <summary>Prompt templates and their versions.</summary>
public sealed class RpmPromptOptions
{
    /// <summary>A folder layered over the bundled prompts: its <c>rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c>, <c>tasks/*.yaml</c> and <c>baselines/</c> files add versions or replace the bundled file at the same path; null means the bundled prompts alone.</summary>
    public string? Directory { get; set; }

    /// <summary>Version per stage (for example <c>generate = v2</c>); stages not listed use <c>v1</c>.</summary>
    public Dictionary<string, string> Versions { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
