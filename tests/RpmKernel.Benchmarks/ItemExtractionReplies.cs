using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Feature-extraction replies whose features quote each item's own query, as a real model's do, so
/// every item has a feature text of its own and the ingest embeds one text per item. The labels are
/// the same eight as <see cref="ExtractionReplies"/>, so a user still clusters in one call. (Those
/// replies name features by batch key only, so every batch repeats the same eight feature texts and
/// the local embedding cache answers all but the first eight.)
/// </summary>
internal static partial class ItemExtractionReplies
{
    private static readonly string[] s_factors =
        ["genre preference", "tone", "setting", "characters", "plot twist", "source material", "pacing", "themes"];

    // Real feature names qualify their aspect ("bleak tone", "slow pacing"); a word picked per item and
    // feature keeps two items with the same query apart without adding tokens a real feature would not have.
    private static readonly string[] s_qualifiers =
    [
        "bleak", "warm", "slow", "fast", "dark", "light", "quiet", "loud", "gentle", "harsh", "bright", "grim", "tender", "cold",
        "strange", "familiar", "tense", "calm", "playful", "serious", "hopeful", "bitter", "sweet", "raw", "polished", "rough",
        "epic", "intimate", "absurd", "grounded", "lush", "sparse", "moody", "lively", "eerie", "cosy", "brutal", "subtle",
        "bold", "muted", "vivid", "faded", "sharp", "soft", "wild", "tame", "rich", "thin", "deep", "shallow", "odd", "plain",
        "grand", "modest", "haunting", "cheerful", "gritty", "dreamy", "stark", "ornate", "witty", "solemn", "nervous", "steady",
    ];

    public static string? Answer(RecordedRequest request)
    {
        var body = request.BodyAsJsonNode();
        var format = body?["response_format"]?["json_schema"];
        if (format?["name"]?.GetValue<string>() != "extracted_features"
            || format["schema"]?["properties"]?["items"]?["properties"] is not JsonObject keys)
        {
            return null;
        }

        var prompt = string.Join("\n", (body!["messages"] as JsonArray ?? []).Select(m => m?["content"]?.ToString()));
        var queries = ItemQuery().Matches(prompt).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);

        var call = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var items = new JsonObject();
        var k = 0;
        foreach (var (key, _) in keys)
        {
            var words = queries.GetValueOrDefault(key, $"item {key}").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var features = new JsonArray();
            for (var f = 0; f < 3; f++)
            {
                var factor = s_factors[(k * 3 + f) % s_factors.Length];
                var span = string.Join(' ', words.Skip(f * words.Length / 3).Take(Math.Max(1, words.Length / 3)));
                features.Add(new JsonObject { ["name"] = $"{Qualifier(call, key, f)} {factor}", ["context"] = span, ["factor"] = factor });
            }

            items[key] = new JsonObject { ["features"] = features };
            k++;
        }

        return new JsonObject { ["items"] = items }.ToJsonString();
    }

    // Two equal queries in one history still get feature texts of their own, as two real items would.
    private static string Qualifier(string call, string key, int feature)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{call} {key} {feature}"));
        return s_qualifiers[BitConverter.ToUInt32(hash) % (uint)s_qualifiers.Length];
    }

    [GeneratedRegex(@"Item (i\d+)\s*\nQuery: ([^\n]*)")]
    private static partial Regex ItemQuery();
}
