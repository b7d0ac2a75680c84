using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Creates <c>handlebars</c> prompt templates over Handlebars.Net (Semantic Kernel's own Handlebars
/// package is not used) with what its users expect: the kernel's functions as helpers
/// (<c>{{Plugin-Function arg=value}}</c>), the system helpers <c>message</c>, <c>set</c>, <c>json</c>,
/// <c>concat</c>, <c>array</c>, <c>raw</c>, <c>range</c>, <c>or</c>, <c>add</c>, <c>subtract</c>,
/// <c>equals</c>, <c>doubleOpen</c> and <c>doubleClose</c>. Argument text and function results are
/// XML-escaped exactly once, so they stay inside the message they were placed in; a variable the
/// template uses but was not given is an error naming it.
/// </summary>
public sealed class RpmHandlebarsPromptTemplateFactory : IPromptTemplateFactory
{
    /// <summary>The template format this factory accepts.</summary>
    public const string Format = "handlebars";

    private readonly RpmHandlebarsPromptTemplateOptions _options;

    /// <summary>Creates the factory with the default options.</summary>
    public RpmHandlebarsPromptTemplateFactory()
        : this(new RpmHandlebarsPromptTemplateOptions())
    {
    }

    /// <summary>Creates the factory with <paramref name="options"/>.</summary>
    /// <param name="options">The helper options, such as the plugin/function <see cref="RpmHandlebarsPromptTemplateOptions.PrefixSeparator"/>.</param>
    public RpmHandlebarsPromptTemplateFactory(RpmHandlebarsPromptTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        ArgumentNullException.ThrowIfNull(templateConfig);
        if (string.Equals(templateConfig.TemplateFormat, Format, StringComparison.OrdinalIgnoreCase))
        {
            result = new HandlebarsPromptTemplate(templateConfig, _options);
            return true;
        }

        result = null;
        return false;
    }
}
