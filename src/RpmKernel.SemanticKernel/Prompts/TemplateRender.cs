using HandlebarsDotNet;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// One rendering of a template: its kernel, its live variables (which <c>set</c> writes) and its
/// cancellation. A compiled template is shared by every rendering, so its helpers find the rendering
/// they serve through <see cref="Current"/>.
/// </summary>
internal sealed class TemplateRender
{
    private static readonly AsyncLocal<TemplateRender?> s_current = new();

    public TemplateRender(string templateName, Kernel kernel, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        TemplateName = templateName;
        Kernel = kernel;
        Values = values;
        CancellationToken = cancellationToken;
    }

    /// <summary>The rendering the calling helper serves.</summary>
    /// <exception cref="InvalidOperationException">A helper ran outside <see cref="Run{T}"/>.</exception>
    public static TemplateRender Current =>
        s_current.Value ?? throw new InvalidOperationException("An RPM template helper ran outside a template rendering.");

    public string TemplateName { get; }

    public Kernel Kernel { get; }

    public Dictionary<string, object?> Values { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Runs <paramref name="render"/> as this rendering, restoring the enclosing one afterwards (a function may render a template of its own).</summary>
    public T Run<T>(Func<T> render)
    {
        var outer = s_current.Value;
        s_current.Value = this;
        try
        {
            return render();
        }
        finally
        {
            s_current.Value = outer;
        }
    }

    /// <summary>A helper argument's value; a name Handlebars could not bind is looked up among the variables (so <c>set</c> ones count).</summary>
    /// <exception cref="RpmInputException">The argument names a variable that was not given.</exception>
    public object? Resolve(object? argument, string helper) => argument is UndefinedBindingResult undefined
        ? Values.TryGetValue(undefined.Value, out var value) ? value : throw MissingVariable(undefined.Value, $"an argument of '{helper}'")
        : argument;

    /// <summary>The error for a variable the template uses but was not given.</summary>
    public RpmInputException MissingVariable(string name, string where = "") => new(
        $"The prompt template '{TemplateName}' uses the variable '{name}'{(where.Length > 0 ? " as " + where : "")}, which was not given. "
        + $"Pass '{name}' in the kernel arguments (a null value is fine), give it a default under input_variables, "
        + $"or guard an optional one with {{{{#if {name}}}}}...{{{{/if}}}}.");
}
