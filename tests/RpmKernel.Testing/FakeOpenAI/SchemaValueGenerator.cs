using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>
/// Builds a deterministic JSON value that satisfies a JSON schema: every property, enum members,
/// numbers inside their bounds, arrays of at least two items. Each value's seed is the hash of the
/// conversation plus the value's JSON path, so identical requests get identical answers while a
/// different conversation gets a different one.
/// </summary>
internal sealed class SchemaValueGenerator
{
    // Recursive schemas ($ref to an ancestor) stop growing here: arrays shrink to minItems.
    private const int MaxDepth = 8;
    private static readonly string[] FallbackWords = ["alpha", "bravo", "charlie", "delta"];

    private readonly JsonObject _root;
    private readonly string _conversationHash;
    private readonly IReadOnlyList<string> _words;

    private SchemaValueGenerator(JsonObject root, string conversation, string lastUserMessage)
    {
        _root = root;
        _conversationHash = StableHash.Of(conversation).ToString("x16", CultureInfo.InvariantCulture);
        var words = TextWords.ContentWords(lastUserMessage);
        _words = words.Count > 0 ? words : FallbackWords;
    }

    /// <summary>Generates a value for <paramref name="schema"/>.</summary>
    /// <param name="schema">Root schema; local references (#/$defs/x) resolve against it.</param>
    /// <param name="conversation">All message contents; seeds every choice.</param>
    /// <param name="lastUserMessage">Source of the words used in generated strings.</param>
    public static JsonNode? Generate(JsonObject schema, string conversation, string lastUserMessage) =>
        new SchemaValueGenerator(schema, conversation, lastUserMessage).Value(schema, "$", "value", 0);

    private JsonNode? Value(JsonNode? schemaNode, string path, string name, int depth)
    {
        var schema = Resolve(schemaNode);
        var seed = StableHash.Of(path, _conversationHash);
        if (schema is null)
        {
            return JsonValue.Create(Text(name, seed));
        }

        if (schema.TryGetPropertyValue("const", out var constant))
        {
            return constant?.DeepClone();
        }

        if (schema["enum"] is JsonArray choices)
        {
            var nonNull = choices.Where(c => c is not null).ToList();
            return nonNull.Count == 0 ? null : nonNull[(int)(seed % (ulong)nonNull.Count)]!.DeepClone();
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectValue(schema, path, depth),
            "array" => ArrayValue(schema, path, name, seed, depth),
            "integer" => JsonValue.Create(IntegerValue(schema, seed)),
            "number" => JsonValue.Create(NumberValue(schema, seed)),
            "boolean" => JsonValue.Create((seed & 1) == 1),
            "null" => null,
            _ => JsonValue.Create(StringValue(schema, name, seed)),
        };
    }

    private JsonObject ObjectValue(JsonObject schema, string path, int depth)
    {
        var result = new JsonObject();
        if (schema["properties"] is JsonObject properties && depth <= MaxDepth * 2)
        {
            foreach (var (key, propertySchema) in properties)
            {
                result[key] = Value(propertySchema, $"{path}.{key}", key, depth + 1);
            }
        }

        return result;
    }

    private JsonArray ArrayValue(JsonObject schema, string path, string name, ulong seed, int depth)
    {
        var minItems = IntOf(schema["minItems"]) ?? 0;
        var count = depth >= MaxDepth ? minItems : Math.Max(minItems, 2);
        if (IntOf(schema["maxItems"]) is { } maxItems)
        {
            count = Math.Min(count, maxItems);
        }

        var itemSchema = schema["items"];
        var result = new JsonArray();

        // Enum items walk the enum from a seeded start so that values are distinct when possible.
        if (Resolve(itemSchema) is { } items && items["enum"] is JsonArray choices && !items.ContainsKey("const"))
        {
            var nonNull = choices.Where(c => c is not null).ToList();
            var start = nonNull.Count == 0 ? 0 : (int)(seed % (ulong)nonNull.Count);
            for (var i = 0; i < count; i++)
            {
                result.Add(nonNull.Count == 0 ? null : nonNull[(start + i) % nonNull.Count]!.DeepClone());
            }

            return result;
        }

        for (var i = 0; i < count; i++)
        {
            result.Add(Value(itemSchema, $"{path}[{i}]", name, depth + 1));
        }

        return result;
    }

    private static long IntegerValue(JsonObject schema, ulong seed)
    {
        // Fractional bounds round inwards; exclusive bounds step one past the limit.
        var low = Ceiling(DoubleOf(schema["minimum"])) ?? (Floor(DoubleOf(schema["exclusiveMinimum"])) + 1);
        var high = Floor(DoubleOf(schema["maximum"])) ?? (Ceiling(DoubleOf(schema["exclusiveMaximum"])) - 1);
        return (low, high) switch
        {
            ({ } lo, { } hi) when hi >= lo => lo + (long)(seed % (ulong)(hi - lo + 1)),
            ({ } lo, null) => lo + (long)(seed % 10),
            (null, { } hi) when hi >= 0 => (long)(seed % (ulong)(Math.Min(hi, 9) + 1)),
            (null, { } hi) => hi - (long)(seed % 10),
            _ => (long)(seed % 10),
        };
    }

    private static double NumberValue(JsonObject schema, ulong seed)
    {
        var low = DoubleOf(schema["minimum"]) ?? DoubleOf(schema["exclusiveMinimum"]);
        var high = DoubleOf(schema["maximum"]) ?? DoubleOf(schema["exclusiveMaximum"]);

        // A fraction strictly inside (0, 1) keeps exclusive bounds satisfied as well.
        var fraction = ((seed % 998) + 1) / 1000.0;
        var value = (low, high) switch
        {
            ({ } lo, { } hi) when hi >= lo => lo + (fraction * (hi - lo)),
            ({ } lo, null) => lo + (fraction * 10),
            (null, { } hi) when hi > 0 => fraction * Math.Min(hi, 10),
            (null, { } hi) => hi - (fraction * 10),
            _ => fraction * 10,
        };
        return Math.Round(value, 3);
    }

    private string StringValue(JsonObject schema, string name, ulong seed)
    {
        var n = seed % 100_000;
        var text = schema["format"]?.GetValue<string>() switch
        {
            "date-time" => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(seed % 525_600).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(seed % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "email" => $"{Slug(name)}{n}@example.com",
            "uri" or "url" => $"https://example.com/{Slug(name)}/{n}",
            "uuid" => new Guid(BitConverter.GetBytes(seed).Concat(BitConverter.GetBytes(StableHash.Derive(seed, 99))).ToArray()).ToString(),
            _ => Text(name, seed),
        };

        if (IntOf(schema["maxLength"]) is { } maxLength && text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        if (IntOf(schema["minLength"]) is { } minLength && text.Length < minLength)
        {
            text = text.PadRight(minLength, 'x');
        }

        return text;
    }

    private string Text(string name, ulong seed)
    {
        var take = Math.Min(2 + (int)(seed % 2), _words.Count);
        var start = (int)(StableHash.Derive(seed, 0) % (ulong)_words.Count);
        var chosen = Enumerable.Range(0, take).Select(i => _words[(start + i) % _words.Count]);
        return $"{name} {string.Join(' ', chosen)}";
    }

    /// <summary>Follows local $ref, picks the first non-null anyOf/oneOf branch and merges allOf.</summary>
    private JsonObject? Resolve(JsonNode? node)
    {
        for (var hops = 0; hops < 64 && node is JsonObject schema; hops++)
        {
            if (schema["$ref"] is JsonValue reference)
            {
                node = Pointer(reference.GetValue<string>());
            }
            else if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray branches)
            {
                node = branches.FirstOrDefault(b => Resolve(b) is { } r && TypeOf(r) != "null") ?? branches.FirstOrDefault();
            }
            else if (schema["allOf"] is JsonArray parts)
            {
                node = Merge(parts);
            }
            else
            {
                return schema;
            }
        }

        return null;
    }

    private JsonObject Merge(JsonArray parts)
    {
        var merged = new JsonObject();
        foreach (var part in parts)
        {
            if (Resolve(part) is not { } resolved)
            {
                continue;
            }

            foreach (var (key, value) in resolved)
            {
                if (key == "properties" && value is JsonObject props && merged["properties"] is JsonObject existing)
                {
                    foreach (var (p, s) in props.Where(p => !existing.ContainsKey(p.Key)))
                    {
                        existing[p] = s?.DeepClone();
                    }
                }
                else if (!merged.ContainsKey(key))
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }

        return merged;
    }

    private JsonNode? Pointer(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        JsonNode? current = _root;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current is JsonObject obj ? obj[key] : null;
        }

        return current;
    }

    private static string TypeOf(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue single:
                return single.GetValue<string>();
            case JsonArray many:
                var types = many.Select(t => t?.GetValue<string>()).ToList();
                return types.FirstOrDefault(t => t is not null && t != "null") ?? "null";
        }

        if (schema.ContainsKey("properties"))
        {
            return "object";
        }

        if (schema.ContainsKey("items"))
        {
            return "array";
        }

        return "string";
    }

    private static string Slug(string name) => new(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static int? IntOf(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : null;

    private static long? Ceiling(double? value) => value is { } v ? (long)Math.Ceiling(v) : null;

    private static long? Floor(double? value) => value is { } v ? (long)Math.Floor(v) : null;

    private static double? DoubleOf(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;
}
