using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>The deterministic answer the fake server gives to a request for JSON of a schema, for fakes that are not HTTP servers.</summary>
public static class SchemaAnswer
{
    /// <summary>A JSON text satisfying <paramref name="schema"/>, seeded by <paramref name="conversation"/>, with words from <paramref name="lastUserMessage"/>.</summary>
    public static string For(JsonObject schema, string conversation, string lastUserMessage)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return SchemaValueGenerator.Generate(schema, conversation, lastUserMessage)?.ToJsonString() ?? "null";
    }
}
