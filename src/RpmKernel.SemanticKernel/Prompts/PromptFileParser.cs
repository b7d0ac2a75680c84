using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Reads a prompt file (Semantic Kernel's prompt config in YAML with a strict
/// <c>response_format</c>) and checks it before any model is called.
/// </summary>
internal static class PromptFileParser
{
    /// <summary>Parses and validates the prompt YAML of <paramref name="stage"/>; errors name the file and the fix.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="stage">The stage (or baseline key) the prompt serves.</param>
    /// <param name="version">The version, such as <c>v1</c>.</param>
    /// <param name="path">Where the text was read from, used in error messages.</param>
    /// <param name="source">
    /// <see cref="PromptLibrary.BundledSource"/> or the prompts directory the file was found in; null means <paramref name="path"/>.
    /// </param>
    public static PromptFile Parse(string yaml, string stage, string version, string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        JsonObject root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = YamlJson.ToJson(stream.Documents[0].RootNode) as JsonObject
                ?? throw Fail(path, "the file is not a YAML mapping");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw Fail(path, $"it is not valid YAML ({ex.Message})", ex);
        }

        var format = Text(root, "template_format") ?? throw Fail(path, "'template_format' is missing; set it to 'handlebars'");
        if (!string.Equals(format, RpmHandlebarsPromptTemplateFactory.Format, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(path, $"template_format is '{format}'; RpmKernel prompts use 'handlebars'");
        }

        var template = Text(root, "template") ?? throw Fail(path, "'template' is missing");
        var config = new PromptTemplateConfig
        {
            Name = Text(root, "name") ?? stage,
            Description = Text(root, "description") ?? "",
            TemplateFormat = RpmHandlebarsPromptTemplateFactory.Format,
            Template = template,
        };
        foreach (var input in root["input_variables"] as JsonArray ?? [])
        {
            var name = input?["name"]?.GetValue<string>() ?? throw Fail(path, "an input variable has no 'name'");
            config.InputVariables.Add(new InputVariable
            {
                Name = name,
                Description = input["description"]?.GetValue<string>() ?? "",
                IsRequired = !bool.TryParse(input["is_required"]?.ToString(), out var required) || required,
            });
        }

        var missing = RpmStage.RequiredInputs(stage)
            .Where(n => !config.InputVariables.Any(v => v.Name == n))
            .ToList();
        if (missing.Count > 0)
        {
            throw Fail(path, $"stage '{stage}' needs the input variable(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; declare them under input_variables and use them in the template");
        }

        var settings = root["execution_settings"]?["default"] as JsonObject
            ?? throw Fail(path, "'execution_settings.default' is missing; it must hold the strict response_format");
        var responseFormat = settings["response_format"] as JsonObject
            ?? throw Fail(path, "'execution_settings.default.response_format' is missing");
        if (!string.Equals(Text(responseFormat, "type"), "json_schema", StringComparison.Ordinal))
        {
            throw Fail(path, "response_format.type must be 'json_schema'");
        }

        var jsonSchema = responseFormat["json_schema"] as JsonObject ?? throw Fail(path, "response_format.json_schema is missing");
        if (!string.Equals(jsonSchema["strict"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(path, "response_format.json_schema.strict must be true");
        }

        var schema = jsonSchema["schema"] as JsonObject ?? throw Fail(path, "response_format.json_schema.schema is missing");
        var problem = StrictSchemaChecker.FindProblem(schema);
        if (problem is not null)
        {
            throw Fail(path, $"its schema would be refused by strict structured outputs: {problem}");
        }

        HandlebarsPromptTemplate compiled;
        try
        {
            compiled = new HandlebarsPromptTemplate(config);
        }
        catch (HandlebarsDotNet.HandlebarsException ex)
        {
            throw Fail(path, $"the template does not compile ({ex.Message})", ex);
        }

        var otherSettings = (JsonObject)settings.DeepClone();
        otherSettings.Remove("response_format");
        return new PromptFile
        {
            Stage = stage,
            Version = version,
            Path = path,
            Source = source ?? path,
            Text = yaml,
            Config = config,
            Template = compiled,
            SchemaName = Text(jsonSchema, "name") ?? stage.Replace('-', '_'),
            Schema = (JsonObject)schema.DeepClone(),
            Settings = otherSettings,
        };
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture) : null;

    private static RpmInputException Fail(string path, string reason, Exception? inner = null)
    {
        var message = $"Prompt file '{path}' is invalid: {reason}.";
        return inner is null ? new RpmInputException(message) : new RpmInputException(message, inner);
    }
}
