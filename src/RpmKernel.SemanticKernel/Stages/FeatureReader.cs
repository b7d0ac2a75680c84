using System.Text.Json.Nodes;
using RpmKernel.Core.Features;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Reads and checks the <c>features</c> array of a stage reply.</summary>
internal static class FeatureReader
{
    public static IReadOnlyList<Feature> Read(JsonObject node, string where, IReadOnlyCollection<string>? allowedFactors)
    {
        var array = StageOutput.RequiredArray(node, "features", where);
        if (array.Count == 0)
        {
            throw new StageOutputException($"{where}.features is empty; give at least one feature");
        }

        var features = new List<Feature>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{where}.features[{i}]";
            var feature = array[i] as JsonObject ?? throw new StageOutputException($"{at} must be an object");
            var name = StageOutput.RequiredString(feature, "name", at);
            var context = feature["context"] is JsonValue c && c.TryGetValue<string>(out var text) ? text.Trim() : "";
            var factor = StageOutput.RequiredString(feature, "factor", at);
            if (allowedFactors is not null)
            {
                factor = allowedFactors.FirstOrDefault(a => string.Equals(a, factor, StringComparison.OrdinalIgnoreCase))
                    ?? throw new StageOutputException($"{at}.factor '{factor}' is not one of: {string.Join(", ", allowedFactors)}");
            }

            features.Add(new Feature(name, context, factor));
        }

        return features;
    }
}
