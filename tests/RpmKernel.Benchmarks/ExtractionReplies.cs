using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Feature-extraction replies that reuse a handful of factor labels, as a real model does, so a
/// 40-item user's labels fit one clustering call (the schema-driven default invents a label per feature).
/// </summary>
internal static class ExtractionReplies
{
    private static readonly string[] s_factors =
        ["genre preference", "tone", "setting", "characters", "plot twist", "source material", "pacing", "themes"];

    public static string? Answer(RecordedRequest request)
    {
        var format = request.BodyAsJsonNode()?["response_format"]?["json_schema"];
        if (format?["name"]?.GetValue<string>() != "extracted_features"
            || format["schema"]?["properties"]?["items"]?["properties"] is not JsonObject keys)
        {
            return null;
        }

        var items = new JsonObject();
        var k = 0;
        foreach (var (key, _) in keys)
        {
            var features = new JsonArray();
            for (var f = 0; f < 3; f++)
            {
                var factor = s_factors[(k * 3 + f) % s_factors.Length];
                features.Add(new JsonObject { ["name"] = $"{factor} {key}", ["context"] = $"part {f} of item {key}", ["factor"] = factor });
            }

            items[key] = new JsonObject { ["features"] = features };
            k++;
        }

        return new JsonObject { ["items"] = items }.ToJsonString();
    }
}
