using HandlebarsDotNet;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>A Handlebars template rendered with Handlebars.Net; every argument is escaped exactly once.</summary>
internal sealed class HandlebarsPromptTemplate : IPromptTemplate
{
    private readonly PromptTemplateConfig _config;
    private readonly HandlebarsTemplate<object, object> _render;

    public HandlebarsPromptTemplate(PromptTemplateConfig config)
    {
        _config = config;
        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = new XmlTextEncoder(),
            ThrowOnUnresolvedBindingExpression = false,
        });
        _render = handlebars.Compile(config.Template);
    }

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in _config.InputVariables)
        {
            if (input.Default is not null)
            {
                values[input.Name] = input.Default;
            }
        }

        if (arguments is not null)
        {
            foreach (var (name, value) in arguments)
            {
                values[name] = value;
            }
        }

        return Task.FromResult(_render(values));
    }
}
