using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>One versioned prompt file: Semantic Kernel's prompt config plus its strict output schema.</summary>
internal sealed class PromptFile
{
    /// <summary>The stage the prompt serves (its folder name).</summary>
    public required string Stage { get; init; }

    /// <summary>The version (its file name without extension, such as <c>v1</c>).</summary>
    public required string Version { get; init; }

    /// <summary>Where the prompt was read from: a file path, or <c>bundled:rpm/&lt;stage&gt;/&lt;version&gt;.yaml</c> for a bundled prompt.</summary>
    public required string Path { get; init; }

    /// <summary><see cref="PromptLibrary.BundledSource"/> for a prompt shipped inside the package, else the prompts directory it came from.</summary>
    public required string Source { get; init; }

    /// <summary>The file's text as read.</summary>
    public required string Text { get; init; }

    /// <summary>The prompt config, with <c>template_format: handlebars</c>.</summary>
    public required PromptTemplateConfig Config { get; init; }

    /// <summary>The template of <see cref="Config"/>, compiled once when the file was checked and used by every call of the stage.</summary>
    public required HandlebarsPromptTemplate Template { get; init; }

    /// <summary>The name of the output schema (<c>response_format.json_schema.name</c>).</summary>
    public required string SchemaName { get; init; }

    /// <summary>The output JSON schema (<c>response_format.json_schema.schema</c>); stages may refine it at run time.</summary>
    public required JsonObject Schema { get; init; }

    /// <summary>Execution settings other than the response format (temperature, max_tokens, ...), as JSON.</summary>
    public required JsonObject Settings { get; init; }
}
