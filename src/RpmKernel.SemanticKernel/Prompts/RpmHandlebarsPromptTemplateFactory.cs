using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Creates <c>handlebars</c> prompt templates over Handlebars.Net (Semantic Kernel's own Handlebars
/// package is not used). Argument text is XML-escaped exactly once, so history text stays inside
/// the message it was placed in.
/// </summary>
public sealed class RpmHandlebarsPromptTemplateFactory : IPromptTemplateFactory
{
    /// <summary>The template format this factory accepts.</summary>
    public const string Format = "handlebars";

    /// <inheritdoc />
    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        ArgumentNullException.ThrowIfNull(templateConfig);
        if (string.Equals(templateConfig.TemplateFormat, Format, StringComparison.OrdinalIgnoreCase))
        {
            result = new HandlebarsPromptTemplate(templateConfig);
            return true;
        }

        result = null;
        return false;
    }
}
