using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>
/// A model whose feature labels and factors a test chooses: each query gets the labels given for it (one
/// feature per label; run ingests with <c>Ingest:BatchSize</c> 1), and clustering groups the offered labels
/// by the part before their first '-' ("genre-noir" joins "genre" and a factor named "Genre").
/// </summary>
internal static class LabelledModel
{
    public static void Answer(FakeOpenAIServer server, IReadOnlyDictionary<string, string[]> labelsByQuery) => server.Respond(request =>
    {
        if (request.IsStage("extracted_features"))
        {
            var labels = labelsByQuery.FirstOrDefault(q => request.Body.Contains(q.Key, StringComparison.Ordinal)).Value;
            if (labels is null)
            {
                return null;
            }

            var features = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["name"] = $"{l} feature", ["context"] = "from the query", ["factor"] = l })]);
            return new JsonObject { ["items"] = new JsonObject { ["i1"] = new JsonObject { ["features"] = features } } }.ToJsonString();
        }

        if (request.IsStage("user_factors"))
        {
            var factors = new JsonArray([.. OfferedLabels(request).GroupBy(Prefix, StringComparer.OrdinalIgnoreCase).Select(g => (JsonNode)new JsonObject
            {
                ["name"] = char.ToUpperInvariant(g.Key[0]) + g.Key[1..],
                ["description"] = $"Considerations of {g.Key}.",
                ["members"] = new JsonArray([.. g.Select(l => (JsonNode)JsonValue.Create(l))]),
            })]);
            return new JsonObject { ["factors"] = factors }.ToJsonString();
        }

        return null;
    });

    /// <summary>The labels a clustering request offers (its schema's enum of members).</summary>
    public static List<string> OfferedLabels(RecordedRequest request) =>
        [.. request.BodyAsJsonNode()!["response_format"]!["json_schema"]!["schema"]!["properties"]!["factors"]!["items"]!["properties"]!["members"]!["items"]!["enum"]!
            .AsArray().Select(l => l!.GetValue<string>())];

    private static string Prefix(string label) => label.Split('-')[0].Trim().ToLowerInvariant();
}
