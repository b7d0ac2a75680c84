using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Hands Semantic Kernel the template a prompt file was checked with, so a stage's template is
/// compiled once per process (compiling a Handlebars template is the costly part of a first call).
/// </summary>
internal sealed class CompiledPromptTemplateFactory(HandlebarsPromptTemplate template) : IPromptTemplateFactory
{
    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        ArgumentNullException.ThrowIfNull(templateConfig);
        result = template;
        return true;
    }
}
