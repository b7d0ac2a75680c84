using System.Text.Json.Nodes;
using RpmKernel.Samples.AgentTool;
using RpmKernel.Samples.AutoFunctionCalling;
using RpmKernel.Samples.Tests.Support;
using RpmKernel.Testing;
using Xunit.Abstractions;

namespace RpmKernel.Samples.Tests;

/// <summary>The agent and the auto-function-calling chat decide to call Personalize; the tool really runs RPM.</summary>
public sealed class ToolCallingTests(ITestOutputHelper log)
{
    private const string Query = "A courier smuggles forbidden books past the drones that patrol a city where reading is a crime.";

    public static TheoryData<string> Samples => ["AgentTool", "AutoFunctionCalling"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task The_model_calls_Personalize_for_the_demo_user_and_replies_with_its_answer(string name)
    {
        await using var host = await SampleHost.StartAsync();
        host.ScriptToolCall("Personalize", new JsonObject { ["query"] = Query });

        var (exitCode, text) = await SampleOutput.RunAsync(Sample(name), host.Configuration(("Query", Query)));
        log.WriteLine(text);

        Assert.Equal(0, exitCode);

        // Two turns of the application's model: the one that chose the tool, and the one that read its result.
        var turns = host.Server.ChatRequests.Where(r => FakeToolCall.OfferedTools(r).Count > 0).ToList();
        Assert.Equal(2, turns.Count);
        Assert.Contains(FakeToolCall.OfferedTools(turns[0]), t => t.EndsWith("Personalize", StringComparison.Ordinal));
        Assert.Contains(Query, turns[0].Body, StringComparison.Ordinal);
        Assert.Empty(FakeToolCall.ToolResults(turns[0]));

        // The call ran RPM's online stages for the query, between the two turns.
        var target = Assert.Single(host.StageRequests("target_features"));
        var generate = Assert.Single(host.StageRequests("personalized_answer"));
        Assert.Contains(Query, generate.Body, StringComparison.Ordinal);
        var order = host.Server.ChatRequests.ToList();
        Assert.InRange(order.IndexOf(target), order.IndexOf(turns[0]) + 1, order.IndexOf(turns[1]) - 1);

        // What went back to the model is the Personalize result, and the printed lines say so.
        var result = SampleHost.ToolResultJson(Assert.Single(FakeToolCall.ToolResults(turns[1])))!;
        var answer = result["answer"]!.GetValue<string>();
        Assert.Equal(4, result["examples"]!.GetValue<int>());

        // The tools the model saw: the read-only pair, Personalize taking only the query (the host binds the demo user).
        var offered = turns[0].BodyAsJsonNode()!["tools"]!.AsArray().Select(t => t!["function"]!).ToList();
        Assert.Equal(["ExplainUser", "Personalize"], offered.Select(f => f["name"]!.GetValue<string>()[^11..].TrimStart('-', '_')).Order());
        var personalize = offered.Single(f => f["name"]!.GetValue<string>().EndsWith("Personalize", StringComparison.Ordinal));
        Assert.Equal(["query"], personalize["parameters"]!["properties"]!.AsObject().Select(p => p.Key));
        var call = Assert.Single(SampleOutput.Lines(text, "tool call:"));
        Assert.DoesNotContain("userId", call, StringComparison.Ordinal);
        Assert.Contains(Query, call, StringComparison.Ordinal);
        var printed = Assert.Single(SampleOutput.Lines(text, "tool result:"));
        Assert.Contains($"answer \"{answer}\", 4 examples", printed, StringComparison.Ordinal);
        Assert.Contains($": You would tag it '{answer}'", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task When_the_model_answers_without_the_tool_nothing_is_personalized(string name)
    {
        await using var host = await SampleHost.StartAsync();
        host.Server.Respond(r => FakeToolCall.OfferedTools(r).Count > 0 ? "Sounds like a thriller." : null);

        var (exitCode, text) = await SampleOutput.RunAsync(Sample(name), host.Configuration());

        Assert.Equal(0, exitCode);
        Assert.Empty(host.StageRequests("personalized_answer"));
        Assert.Empty(SampleOutput.Lines(text, "tool call:"));
        Assert.Contains(": Sounds like a thriller.", text, StringComparison.Ordinal);
    }

    private static SampleOutput.Sample Sample(string name) =>
        name == "AgentTool" ? AgentToolSample.RunAsync : AutoFunctionCallingSample.RunAsync;
}
