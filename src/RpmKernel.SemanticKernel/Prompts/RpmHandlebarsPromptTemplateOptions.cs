using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Options of <see cref="RpmHandlebarsPromptTemplateFactory"/>, named as in Semantic Kernel's
/// <c>HandlebarsPromptTemplateOptions</c> so templates written for it keep working.
/// </summary>
public sealed class RpmHandlebarsPromptTemplateOptions
{
    private string _prefixSeparator = "-";

    /// <summary>
    /// What joins a plugin name and a function name in a helper name: with the default <c>-</c>, the
    /// function <c>Personalize</c> of the plugin <c>Rpm</c> is called as <c>{{Rpm-Personalize query=input}}</c>.
    /// </summary>
    /// <exception cref="RpmInputException">The separator is empty, or holds whitespace or Handlebars syntax.</exception>
    public string PrefixSeparator
    {
        get => _prefixSeparator;
        init
        {
            if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || c is '{' or '}' or '"' or '\'' or '=' or '(' or ')' or '.' or '/' or '@'))
            {
                throw new RpmInputException(
                    $"PrefixSeparator '{value}' cannot join a plugin and a function name in a Handlebars helper; use '-' (the default) or '_'.");
            }

            _prefixSeparator = value;
        }
    }
}
