using System.Collections.Concurrent;
using HandlebarsDotNet;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// A Handlebars template rendered with Handlebars.Net; every argument is escaped exactly once. It is
/// compiled once per set of kernel functions it calls (usually none), and each rendering fails with
/// the variable's name when the template uses one that was not given.
/// </summary>
internal sealed class HandlebarsPromptTemplate : IPromptTemplate
{
    private readonly PromptTemplateConfig _config;
    private readonly RpmHandlebarsPromptTemplateOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<HandlebarsTemplate<object, object>>> _compiled = new(StringComparer.Ordinal);

    // An unbound {{name}} renders as this marker; the nonce keeps argument text from forging one.
    private readonly string _undefinedMarker = "\u27e6undefined-" + Guid.NewGuid().ToString("N") + ":";

    public HandlebarsPromptTemplate(PromptTemplateConfig config, RpmHandlebarsPromptTemplateOptions? options = null)
    {
        _config = config;
        _options = options ?? new RpmHandlebarsPromptTemplateOptions();

        // Compiled now, so a template that does not compile fails when it is loaded.
        _compiled[""] = new Lazy<HandlebarsTemplate<object, object>>(Compile(new Dictionary<string, (string, string)>()));
    }

    public async Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
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

        var functions = TemplateFunctionHelpers.Referenced(kernel, _config.Template, _options.PrefixSeparator);
        var template = _compiled.GetOrAdd(string.Join("\n", functions.Keys), _ => new(() => Compile(functions))).Value;
        var render = new TemplateRender(_config.Name ?? "(unnamed)", kernel, values, cancellationToken);

        // A function helper waits for its function; off the caller's synchronization context that wait cannot deadlock.
        var text = functions.Count == 0
            ? render.Run(() => template(values))
            : await Task.Run(() => render.Run(() => template(values)), cancellationToken).ConfigureAwait(false);
        return CheckAllBound(text, render);
    }

    private HandlebarsTemplate<object, object> Compile(IReadOnlyDictionary<string, (string Plugin, string Function)> functions)
    {
#pragma warning disable CS0618 // The formatter replacing it is not in Handlebars.Net 2.4.3.
        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = new XmlTextEncoder(),
            ThrowOnUnresolvedBindingExpression = false,
            UnresolvedBindingFormatter = _undefinedMarker + "{0}\u27e7",
        });
#pragma warning restore CS0618
        TemplateSystemHelpers.Register(handlebars);
        TemplateFunctionHelpers.Register(handlebars, functions, _options.PrefixSeparator);
        return handlebars.Compile(_config.Template);
    }

    // Handlebars.Net's own strict mode also throws inside {{#if x}}, which is how a template marks a variable optional.
    private string CheckAllBound(string text, TemplateRender render)
    {
        var at = text.IndexOf(_undefinedMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var start = at + _undefinedMarker.Length;
        var end = text.IndexOf('\u27e7', start);
        throw render.MissingVariable(end < 0 ? text[start..] : text[start..end]);
    }
}
