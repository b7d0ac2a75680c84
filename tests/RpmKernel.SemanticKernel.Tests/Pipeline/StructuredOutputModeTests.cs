using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Tests.Support;

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
            var system = body["messages"]![0]!["content"]!.ToJsonString();
            Assert.Contains("follows this JSON schema", system, StringComparison.Ordinal);
        });
    }
}
