using System.Text.Json;
using System.Text.Json.Nodes;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The kernel's functions as Handlebars helpers named <c>Plugin{separator}Function</c>, as in Semantic
/// Kernel: hash arguments (<c>{{Rpm-Personalize query=input}}</c>, also <c>Personalize-query=</c>) or
/// positional ones in parameter order; the function also sees the template's variables. A string
/// result is returned as it is (the template escapes it once, like any text); other objects as JSON.
/// </summary>
internal static class TemplateFunctionHelpers
{
    /// <summary>The functions of <paramref name="kernel"/> whose helper name occurs in <paramref name="template"/>, by helper name.</summary>
    public static SortedDictionary<string, (string Plugin, string Function)> Referenced(Kernel kernel, string template, string separator)
    {
        var referenced = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var plugin in kernel.Plugins)
        {
            foreach (var function in plugin)
            {
                var name = plugin.Name + separator + function.Name;
                if (template.Contains(name, StringComparison.Ordinal))
                {
                    referenced[name] = (plugin.Name, function.Name);
                }
            }
        }

        return referenced;
    }

    /// <summary>Registers one helper per function; each calls the function of the current rendering's kernel.</summary>
    public static void Register(IHandlebars handlebars, IReadOnlyDictionary<string, (string Plugin, string Function)> functions, string separator)
    {
        foreach (var (helper, (plugin, function)) in functions)
        {
            handlebars.RegisterHelper(helper, (Context context, Arguments arguments) => Invoke(helper, plugin, function, arguments, separator));
        }
    }

    private static object? Invoke(string helper, string plugin, string name, Arguments arguments, string separator)
    {
        var render = TemplateRender.Current;
        if (!render.Kernel.Plugins.TryGetFunction(plugin, name, out var function))
        {
            throw new RpmInputException($"The prompt template '{render.TemplateName}' calls {{{{{helper}}}}}, but the kernel has no function '{name}' in a plugin '{plugin}'.");
        }

        var call = new KernelArguments();
        foreach (var (variable, value) in render.Values)
        {
            call[variable] = value;
        }

        Bind(helper, function.Metadata, arguments, call, separator, render);

        // Handlebars.Net renders synchronously; the template runs it off the caller's context, so this wait cannot deadlock.
        var result = function.InvokeAsync(render.Kernel, call, render.CancellationToken).GetAwaiter().GetResult();
        return Text(result.GetValue<object>());
    }

    private static void Bind(string helper, KernelFunctionMetadata metadata, Arguments arguments, KernelArguments call, string separator, TemplateRender render)
    {
        var parameters = metadata.Parameters;
        var positional = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is HashParameterDictionary hash)
            {
                foreach (var (key, value) in hash)
                {
                    var name = key.StartsWith(metadata.Name + separator, StringComparison.Ordinal) ? key[(metadata.Name.Length + separator.Length)..] : key;
                    var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
                        ?? throw new RpmInputException(
                            $"{{{{{helper}}}}} in the prompt template '{render.TemplateName}' has no parameter '{key}'; its parameters are {List(parameters)}.");
                    call[parameter.Name] = render.Resolve(value, helper);
                }
            }
            else if (positional < parameters.Count)
            {
                call[parameters[positional++].Name] = render.Resolve(arguments[i], helper);
            }
            else
            {
                throw new RpmInputException(
                    $"{{{{{helper}}}}} in the prompt template '{render.TemplateName}' was given {arguments.Length} arguments, but it takes {parameters.Count}: {List(parameters)}.");
            }
        }

        var missing = parameters.FirstOrDefault(p => p.IsRequired && !call.ContainsName(p.Name));
        if (missing is not null)
        {
            throw new RpmInputException(
                $"{{{{{helper}}}}} in the prompt template '{render.TemplateName}' needs the argument '{missing.Name}'; write {{{{{helper} {missing.Name}=...}}}}.");
        }
    }

    private static string List(IReadOnlyList<KernelParameterMetadata> parameters) =>
        parameters.Count == 0 ? "none" : string.Join(", ", parameters.Select(p => p.Name));

    // Strings, numbers and booleans stay as they are, so they can feed other helpers; objects become JSON text.
    private static object? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        ChatMessageContent message => message.Content,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        JsonValue node when node.TryGetValue<string>(out var text) => text,
        JsonNode node => node.ToJsonString(),
        bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };
}
