using System.Text.Json.Nodes;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Schemas;

/// <summary>
/// Refines a prompt file's output schema at run time: the item keys of a batch, the labels a
/// discrete task allows, the user's factor names. The file's schema is never modified in place.
/// </summary>
internal static class SchemaEditor
{
    /// <summary>
    /// Fills the <c>items</c> object of a batch schema with one required property per key, each
    /// referring to <c>$defs.item</c>, so a strict server must answer for every item of the batch.
    /// </summary>
    public static JsonObject WithItemKeys(JsonObject fileSchema, IReadOnlyList<string> keys, string path)
    {
        var schema = (JsonObject)fileSchema.DeepClone();
        if (schema["$defs"]?["item"] is not JsonObject)
        {
            throw new RpmInputException($"Prompt file '{path}' must define the per-item schema under schema.$defs.item.");
        }

        var items = Node(schema, path, "properties", "items");
        items["properties"] = new JsonObject(keys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject { ["$ref"] = "#/$defs/item" })));
        items["required"] = new JsonArray(keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        items["additionalProperties"] = false;
        return schema;
    }

    /// <summary>Replaces the schema at <paramref name="segments"/> with <paramref name="replacement"/>, keeping its description.</summary>
    public static JsonObject Replace(JsonObject fileSchema, string path, JsonObject replacement, params string[] segments)
    {
        var schema = (JsonObject)fileSchema.DeepClone();
        var parent = Node(schema, path, segments[..^1]);
        if (parent[segments[^1]] is JsonObject old && old["description"] is JsonNode description)
        {
            replacement["description"] = description.DeepClone();
        }

        parent[segments[^1]] = replacement;
        return schema;
    }

    /// <summary>A string schema restricted to <paramref name="values"/>.</summary>
    public static JsonObject StringEnum(IEnumerable<string> values) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
    };

    private static JsonObject Node(JsonObject schema, string path, params string[] segments)
    {
        JsonNode? node = schema;
        foreach (var segment in segments)
        {
            node = node?[segment];
        }

        return node as JsonObject
            ?? throw new RpmInputException($"Prompt file '{path}' has no schema node at '{string.Join('.', segments)}'; the stage needs it to refine the schema at run time.");
    }
}
