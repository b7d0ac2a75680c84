using System.Text.Json.Nodes;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class StructuredOutputModeTests
{
    [Theory]
    [InlineData(StructuredOutputMode.JsonObject, "json_object")]
    [InlineData(StructuredOutputMode.Text, null)]
    public async Task Servers_without_strict_schemas_get_the_schema_in_the_prompt(StructuredOutputMode mode, string? expectedFormat)
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Chat.StructuredOutput = mode);

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A quiet romance in Paris.");

        Assert.Equal(3, ingest.Items);
        Assert.Contains(answer.Answer, runtime.Pipeline.GetTask("lamp2").Labels);
        Assert.All(host.Server.ChatRequests, request =>
        {
            var body = request.BodyAsJsonNode()!;
            Assert.Equal(expectedFormat, body["response_format"]?["type"]?.GetValue<string>());
            var messages = body["messages"]!.AsArray();
            var system = messages[0]!["content"]!.ToJsonString();
            var user = messages[1]!["content"]!.ToJsonString();
            Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
            Assert.DoesNotContain("```json", system, StringComparison.Ordinal);
            Assert.Contains("follows this JSON schema", user, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(StructuredOutputMode.JsonObject)]
    [InlineData(StructuredOutputMode.Text)]
    public async Task Learned_factor_names_and_history_text_reach_only_user_messages(StructuredOutputMode mode)
    {
        // Issue 12, finding 8: the schema written into the prompt names the learned factors (and the
        // item ids), and it was written into the system message, so history text reached it.
        const string Marker = "zanzibarmark";
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Chat.StructuredOutput = mode);
        var history = Enumerable.Range(1, 3)
            .Select(i => new HistoryItem($"{Marker}{i}", $"{Marker} {Marker} {Marker}", "comedy"))
            .ToList();
        host.Server.Respond(request => ClusterReply(request, $"{Marker} lover"));

        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", $"A {Marker} film.");

        Assert.Contains(model.Factors, f => f.Name.Contains(Marker, StringComparison.OrdinalIgnoreCase));
        Assert.All(host.Server.ChatRequests, request =>
        {
            foreach (var message in request.BodyAsJsonNode()!["messages"]!.AsArray())
            {
                if (message!["role"]!.GetValue<string>() == "system")
                {
                    Assert.DoesNotContain(Marker, message["content"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
                }
            }
        });
    }

    // A clustering reply naming one factor (members: every proposed label, read from the schema written into the prompt).
    private static string? ClusterReply(RecordedRequest request, string factorName)
    {
        var messages = request.BodyAsJsonNode()!["messages"]!.AsArray();
        if (!messages[0]!["content"]!.GetValue<string>().Contains("canonical factors", StringComparison.Ordinal)
            || messages.Count(m => m!["role"]!.GetValue<string>() == "user") != 1)
        {
            return null;
        }

        var prompt = messages.Select(m => m!["content"]!.GetValue<string>()).First(c => c.Contains("```json", StringComparison.Ordinal));
        var start = prompt.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var schema = JsonNode.Parse(prompt[start..prompt.IndexOf("```", start, StringComparison.Ordinal)])!;
        var labels = schema["properties"]!["factors"]!["items"]!["properties"]!["members"]!["items"]!["enum"]!.AsArray();
        return new JsonObject
        {
            ["factors"] = new JsonArray(new JsonObject
            {
                ["name"] = factorName,
                ["description"] = "what drives this person",
                ["members"] = labels.DeepClone(),
            }),
        }.ToJsonString();
    }
}
