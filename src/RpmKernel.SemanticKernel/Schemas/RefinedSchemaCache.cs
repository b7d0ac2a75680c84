using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Schemas;

/// <summary>
/// The refined output schemas of a stage (<see cref="SchemaEditor.Replace"/> of a prompt file's schema),
/// kept per file schema instance and replacement, so calls that refine it the same way (the same user factors,
/// the same task labels) share one schema instance and what is derived from it per instance: the
/// response format sent to the model and the settings part of the response-cache key. A reloaded
/// prompt file has a new schema instance, so its refinements are made again. The returned schema is shared: never modify it.
/// </summary>
internal sealed class RefinedSchemaCache
{
    /// <summary>The refinements kept per prompt file; when more are made, the kept ones are dropped and made again on use.</summary>
    internal const int MaxPerPrompt = 256;

    private readonly ConditionalWeakTable<JsonObject, ConcurrentDictionary<string, JsonObject>> _byFileSchema = new();

    /// <summary>
    /// The prompt file's schema with the node at <paramref name="segments"/> replaced by <paramref name="replacement"/>,
    /// the one made by an earlier call with an equal replacement when there is one.
    /// </summary>
    public JsonObject Replace(JsonObject fileSchema, string path, JsonObject replacement, params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(fileSchema);
        ArgumentNullException.ThrowIfNull(replacement);
        var refinements = _byFileSchema.GetValue(fileSchema, static _ => new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal));
        var key = string.Join('/', segments) + "\n" + replacement.ToJsonString();
        if (refinements.TryGetValue(key, out var schema))
        {
            return schema;
        }

        schema = Materialized(SchemaEditor.Replace(fileSchema, path, replacement, segments));
        if (refinements.Count >= MaxPerPrompt)
        {
            refinements.Clear();
        }

        return refinements.GetOrAdd(key, schema);
    }

    // A node cloned from parsed JSON reads its element lazily; walked once here, the shared tree is only ever read.
    private static JsonObject Materialized(JsonObject schema)
    {
        Walk(schema);
        return schema;

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }
}
