using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Clustering chunks are cut by a token budget, so even a long history whose every feature proposes a
/// label of its own clusters in two levels of calls (the chunks, then one merge), counted at the server.
/// </summary>
public sealed class LongHistoryClusteringTests
{
    [Fact]
    public async Task A_thousand_items_with_a_new_label_for_every_feature_cluster_in_two_levels_of_calls()
    {
        await using var host = await RpmTestHost.StartAsync();
        host.Server.Respond(LevelledReplies.Answer);
        using var runtime = host.Runtime(o =>
        {
            // Big batches keep the test quick; clustering sees the same 3,000 labels at any batch size.
            o.Ingest.BatchSize = 50;
            o.Chat.MaxConcurrency = 16;
        });
        var history = Enumerable.Range(1, 1000)
            .Select(i => new HistoryItem($"m{i}", $"Movie number {i}: a story told in its own way.", "comedy"))
            .ToList();

        var result = await runtime.Pipeline.IngestAsync("ann", "lamp2", history);

        Assert.Empty(result.Failed);
        Assert.Equal(1000, result.Items);
        var levels = host.StageRequests("user_factors").Select(LevelledReplies.LevelOf).ToList();
        Assert.Equal(3000, host.StageRequests("user_factors").Where(r => LevelledReplies.LevelOf(r) == 1).Sum(LevelledReplies.LabelCount));
        Assert.InRange(levels.Count(l => l == 1), 2, 12);
        Assert.Equal(1, levels.Count(l => l == 2));
        Assert.Equal(2, levels.Max());

        // Every proposed label ends up in one of the user's factors.
        Assert.InRange(result.Model!.Factors.Count, 1, 8);
    }

    /// <summary>
    /// Extraction replies with three features per item, each with a label no other feature has; clustering
    /// replies whose factor names carry their level (<c>L1 …</c> for a chunk, <c>L2 …</c> for a merge of those).
    /// </summary>
    private static class LevelledReplies
    {
        public static string? Answer(RecordedRequest request)
        {
            var format = request.BodyAsJsonNode()?["response_format"]?["json_schema"];
            return format?["name"]?.GetValue<string>() switch
            {
                "extracted_features" => Features(request, format["schema"]?["properties"]?["items"]?["properties"] as JsonObject),
                "user_factors" => Factors(request),
                _ => null,
            };
        }

        /// <summary>1 for a call over proposed labels, one more than the highest level among the factor names it merges.</summary>
        public static int LevelOf(RecordedRequest request) =>
            1 + Labels(request).Select(l => l.StartsWith('L') && l.Length > 1 && char.IsAsciiDigit(l[1]) ? l[1] - '0' : 0).DefaultIfEmpty(0).Max();

        public static int LabelCount(RecordedRequest request) => Labels(request).Count;

        private static List<string> Labels(RecordedRequest request) =>
            (request.BodyAsJsonNode()?["response_format"]?["json_schema"]?["schema"]?["properties"]?["factors"]?["items"]?["properties"]?["members"]?["items"]?["enum"] as JsonArray ?? [])
            .Select(n => n!.GetValue<string>())
            .ToList();

        // Distinct per request, so labels and factor names never repeat across calls.
        private static string CallId(RecordedRequest request) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)))[..8];

        private static string? Features(RecordedRequest request, JsonObject? keys)
        {
            if (keys is null)
            {
                return null;
            }

            var call = CallId(request);
            var items = new JsonObject();
            foreach (var (key, _) in keys)
            {
                var features = new JsonArray();
                for (var f = 0; f < 3; f++)
                {
                    features.Add(new JsonObject
                    {
                        ["name"] = $"aspect {f} of {key}",
                        ["context"] = $"part {f} of item {key} in call {call}",
                        ["factor"] = $"preference for theme {call}-{key}-{f}",
                    });
                }

                items[key] = new JsonObject { ["features"] = features };
            }

            return new JsonObject { ["items"] = items }.ToJsonString();
        }

        private static string Factors(RecordedRequest request)
        {
            var labels = Labels(request);
            var level = LevelOf(request);
            var count = Math.Max(1, Math.Min(8, labels.Count - 1));
            var call = CallId(request);
            var factors = new JsonArray();
            for (var k = 0; k < count; k++)
            {
                var members = new JsonArray();
                for (var i = k; i < labels.Count; i += count)
                {
                    members.Add(labels[i]);
                }

                factors.Add(new JsonObject { ["name"] = $"L{level} factor {k} of {call}", ["description"] = "A merged consideration.", ["members"] = members });
            }

            return new JsonObject { ["factors"] = factors }.ToJsonString();
        }
    }
}
