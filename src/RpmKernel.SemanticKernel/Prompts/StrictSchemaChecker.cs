using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// Finds what OpenAI's strict structured outputs would refuse in a schema: objects must list every
/// property as required and set <c>additionalProperties: false</c>; every node needs a type, an enum,
/// an <c>anyOf</c> or a <c>$ref</c>.
/// </summary>
internal static class StrictSchemaChecker
{
    /// <summary>Returns the first problem with its JSON path, or null when the schema is acceptable.</summary>
    public static string? FindProblem(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!IsType(schema, "object"))
        {
            return "the root must be an object schema";
        }

        // Definitions are reached through $ref at run time (the per-item schema of a batch), so they are checked too.
        var definitions = (schema["$defs"] as JsonObject ?? []).Select(d => d.Value is JsonObject definition ? Check(definition, $"$.$defs.{d.Key}") : $"$.$defs.{d.Key} is not a schema object");
        return Check(schema, "$") ?? definitions.FirstOrDefault(p => p is not null);
    }

    private static string? Check(JsonObject node, string path)
    {
        if (node["anyOf"] is JsonArray anyOf)
        {
            return anyOf.Select((branch, i) => branch is JsonObject o ? Check(o, $"{path}.anyOf[{i}]") : null).FirstOrDefault(p => p is not null);
        }

        if (node["$ref"] is not null || node["enum"] is not null && node["type"] is null)
        {
            return null;
        }

        if (node["type"] is null)
        {
            return $"{path} has no 'type'";
        }

        if (IsType(node, "object"))
        {
            var properties = node["properties"] as JsonObject ?? [];
            if (node["additionalProperties"]?.ToString() != "false")
            {
                return $"{path} must set additionalProperties: false";
            }

            var required = (node["required"] as JsonArray ?? []).Select(r => r?.ToString()).ToHashSet();
            foreach (var (name, child) in properties)
            {
                if (!required.Contains(name))
                {
                    return $"{path}.{name} is not listed in 'required' (strict mode needs every property required)";
                }

                if (child is not JsonObject childSchema)
                {
                    return $"{path}.{name} is not a schema object";
                }

                var problem = Check(childSchema, $"{path}.{name}");
                if (problem is not null)
                {
                    return problem;
                }
            }
        }

        if (IsType(node, "array"))
        {
            return node["items"] is JsonObject items ? Check(items, $"{path}[]") : $"{path} is an array without 'items'";
        }

        return null;
    }

    private static bool IsType(JsonObject node, string type) => node["type"] switch
    {
        JsonValue value => value.ToString() == type,
        JsonArray types => types.Any(t => t?.ToString() == type),
        _ => false,
    };
}
