using System.Globalization;
using System.Text.Json;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The system helpers of Semantic Kernel's Handlebars templates, with its semantics: <c>message</c>
/// (a chat message of a role, in the <c>&lt;message role="..."&gt;</c> format the chat-prompt parser
/// reads), <c>set</c>, <c>json</c>, <c>concat</c>, <c>array</c>, <c>raw</c>, <c>range</c>, <c>or</c>,
/// <c>add</c>, <c>subtract</c>, <c>equals</c>, plus <c>doubleOpen</c>/<c>doubleClose</c> for literal braces.
/// </summary>
internal static class TemplateSystemHelpers
{
    /// <summary>The helper names, which a variable of the same name is shadowed by in <c>{{name}}</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["message", "set", "json", "concat", "array", "raw", "range", "or", "add", "subtract", "equals", "doubleOpen", "doubleClose"];

    // As Semantic Kernel: NaN and infinities are written as JSON strings rather than failing.
    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Register(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("message", static (writer, options, context, arguments) =>
        {
            var role = Hash(arguments)?.TryGetValue("role", out var value) == true ? TemplateRender.Current.Resolve(value, "message") as string : null;
            if (string.IsNullOrEmpty(role) || !role.All(char.IsAsciiLetter))
            {
                throw new RpmInputException(
                    $"{{{{#message}}}} in the prompt template '{TemplateRender.Current.TemplateName}' needs a role of letters, such as {{{{#message role=\"user\"}}}}...{{{{/message}}}} (system, user, assistant or tool); it got '{role}'.");
            }

            writer.Write($"<message role=\"{role}\">", false);
            options.Template(writer, context);
            writer.Write("</message>", false);
        });

        handlebars.RegisterHelper("set", static (writer, context, arguments) =>
        {
            var render = TemplateRender.Current;
            var hash = Hash(arguments);
            var (name, value) = hash is not null
                ? (hash.TryGetValue("name", out var n) ? n : null, hash.TryGetValue("value", out var v) ? render.Resolve(v, "set") : null)
                : (arguments.Length > 0 ? arguments[0] : null, arguments.Length > 1 ? render.Resolve(arguments[1], "set") : null);
            if (name is not string text || text.Length == 0)
            {
                throw new RpmInputException(
                    $"{{{{set}}}} in the prompt template '{render.TemplateName}' needs a variable name: write {{{{set name=\"x\" value=...}}}} or {{{{set \"x\" ...}}}}.");
            }

            render.Values[text] = value;
        });

        handlebars.RegisterHelper("json", static (in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            var args = Values(arguments, "json");
            if (args.Length == 0)
            {
                throw new RpmInputException($"{{{{json}}}} in the prompt template '{TemplateRender.Current.TemplateName}' needs a value, such as {{{{json person}}}}.");
            }

            return args[0] as string ?? JsonSerializer.Serialize(args[0], s_json);
        });

        handlebars.RegisterHelper("concat", static (in HelperOptions options, in Context context, in Arguments arguments) =>
            string.Concat(Values(arguments, "concat")));

        handlebars.RegisterHelper("array", static (in HelperOptions options, in Context context, in Arguments arguments) =>
            Values(arguments, "array"));

        handlebars.RegisterHelper("raw", static (writer, options, context, arguments) => options.Template(writer, null!));

        handlebars.RegisterHelper("range", static (in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            var args = Values(arguments, "range");
            var culture = TemplateRender.Current.Kernel.Culture;
            if (args.Length != 2
                || !int.TryParse(Convert.ToString(args[0], culture), NumberStyles.Integer, culture, out var start)
                || !int.TryParse(Convert.ToString(args[1], culture), NumberStyles.Integer, culture, out var end)
                || end < start)
            {
                throw new RpmInputException(
                    $"{{{{range}}}} in the prompt template '{TemplateRender.Current.TemplateName}' needs two integers, start and end (inclusive, end >= start), such as (range 1 5).");
            }

            return Enumerable.Range(start, end - start + 1);
        });

        handlebars.RegisterHelper("or", static (in HelperOptions options, in Context context, in Arguments arguments) =>
            Values(arguments, "or").Any(arg => arg is bool flag ? flag : arg is not null));

        handlebars.RegisterHelper("add", static (in HelperOptions options, in Context context, in Arguments arguments) =>
            Values(arguments, "add").Select(a => Number(a, "add")).Sum());

        handlebars.RegisterHelper("subtract", static (in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            var args = Values(arguments, "subtract");
            return args.Length == 0 ? 0m : args.Skip(1).Aggregate(Number(args[0], "subtract"), (a, b) => a - Number(b, "subtract"));
        });

        handlebars.RegisterHelper("equals", static (in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            if (arguments.Length < 2)
            {
                return false;
            }

            var args = Values(arguments, "equals");
            return args[0] == args[1] || (args[0] is not null && args[0]!.Equals(args[1]));
        });

        handlebars.RegisterHelper("doubleOpen", static (in HelperOptions options, in Context context, in Arguments arguments) => "{{");
        handlebars.RegisterHelper("doubleClose", static (in HelperOptions options, in Context context, in Arguments arguments) => "}}");
    }

    private static HashParameterDictionary? Hash(Arguments arguments) =>
        arguments.Length > 0 && arguments[0] is HashParameterDictionary hash ? hash : null;

    private static object?[] Values(Arguments arguments, string helper)
    {
        var render = TemplateRender.Current;
        var values = new object?[arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = render.Resolve(arguments[i], helper);
        }

        return values;
    }

    private static decimal Number(object? value, string helper)
    {
        var culture = TemplateRender.Current.Kernel.Culture;
        return decimal.TryParse(Convert.ToString(value, culture), NumberStyles.Number | NumberStyles.AllowExponent, culture, out var number)
            ? number
            : throw new RpmInputException(
                $"{{{{{helper}}}}} in the prompt template '{TemplateRender.Current.TemplateName}' adds numbers; '{value}' is not a number.");
    }
}
