using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Short positional keys (<c>i1</c>, <c>i2</c>, ...) for the items of a batch: item ids can be long
/// or contain any character, and the keys become property names of the strict output schema.
/// </summary>
internal static class BatchKeys
{
    public static IReadOnlyList<string> For(int count) => Enumerable.Range(1, count).Select(i => $"i{i}").ToList();

    /// <summary>Reads the reply's <c>items</c> entry of every key, in key order; a missing key is an invalid reply.</summary>
    public static List<T> ReadItems<T>(JsonObject reply, IReadOnlyList<string> keys, Func<JsonObject, string, T> read)
    {
        var items = StageOutput.RequiredObject(reply, "items", "reply");
        return keys.Select(key => read(
            items[key] as JsonObject ?? throw new StageOutputException($"items.{key} is missing; every item key must be answered"),
            $"items.{key}")).ToList();
    }
}
