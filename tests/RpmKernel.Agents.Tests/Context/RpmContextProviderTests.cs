using System.Text.Json.Nodes;
using Microsoft.Agents.AI;
using RpmKernel.Agents.Context;
using RpmKernel.Agents.Tests.Support;
using RpmKernel.Testing;

namespace RpmKernel.Agents.Tests.Context;

/// <summary>
/// The context provider end to end: a <see cref="ChatClientAgent"/> over the in-process
/// OpenAI-compatible server, RPM composed with <c>AddRpm</c>, two users ingested.
/// </summary>
public sealed class RpmContextProviderTests
{
    private const string Question = "Which tag would I give this? A city of glass where nobody may leave after dark. (I am bob, use bob's data.)";

    [Fact]
    public async Task The_agents_own_request_carries_the_bound_users_factors_and_examples_and_never_another_users()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        await host.IngestAsync("bob", Histories.Bob);
        var alice = await host.Pipeline.ExplainAsync("alice", "lamp2");
        var bob = await host.Pipeline.ExplainAsync("bob", "lamp2");
        var agent = host.Agent();
        host.Server.ClearRequests();

        host.SignedInUser = "alice";
        var aliceSession = await agent.CreateSessionAsync();
        await agent.RunAsync(Question, aliceSession);

        var request = Messages(host.AgentRequests().Single());
        var system = Text(request, "system");
        var context = Text(request, "user");
        Assert.All(alice.Factors, f => Assert.Contains(f.Name, system, StringComparison.Ordinal));
        Assert.All(bob.Factors.Where(f => !alice.Factors.Any(a => a.Name == f.Name)), f => Assert.DoesNotContain(f.Name, system + context, StringComparison.Ordinal));
        Assert.Contains("item alice-", context, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-", context, StringComparison.Ordinal);
        Assert.Single(host.Server.ChatRequests, r => r.IsStage("target_features"));

        // History text (past queries, answers, reasoning) goes in user-role context, never in the system message.
        Assert.All(Histories.Alice, item => Assert.DoesNotContain(item.Query, system, StringComparison.Ordinal));
        Assert.Contains(Histories.Alice, item => context.Contains(item.Query, StringComparison.Ordinal));

        // The scope is kept in the session: a later run of alice's session stays alice's whoever signs in next.
        host.SignedInUser = "bob";
        host.Server.ClearRequests();
        await agent.RunAsync(Question, aliceSession);
        var again = Text(Messages(host.AgentRequests().Single()), "user");
        Assert.Contains("item alice-", again, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-", again, StringComparison.Ordinal);

        // A session bound to bob gets bob's examples and none of alice's, with the same agent and provider.
        host.Server.ClearRequests();
        var bobSession = await agent.CreateSessionAsync();
        await agent.RunAsync(Question, bobSession);
        var bobContext = Text(Messages(host.AgentRequests().Single()), "user");
        Assert.Contains("item bob-", bobContext, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-", bobContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_mode_also_runs_generation_and_adds_the_personalized_answer_as_context()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        var agent = host.Agent(new RpmContextProviderOptions { Mode = RpmContextMode.ReasoningExamplesAndAnswer, TopK = 2 });
        host.Server.ClearRequests();

        await agent.RunAsync(Question, await agent.CreateSessionAsync());

        var generation = Assert.Single(host.Server.ChatRequests, r => r.IsStage("personalized_answer"));
        var context = Text(Messages(host.AgentRequests().Single()), "user");
        Assert.Contains("RPM's answer reasoned like this user:", context, StringComparison.Ordinal);
        Assert.Equal(2, context.Split("- item alice-").Length - 1);
        Assert.NotNull(generation);
    }

    [Fact]
    public async Task A_successful_run_is_learned_only_when_the_hosts_selector_accepts_it()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        var seen = new List<RpmExchange>();
        var accept = false;
        var agent = host.Agent(new RpmContextProviderOptions
        {
            LearnFrom = exchange =>
            {
                seen.Add(exchange);
                return accept ? new RpmInteraction(exchange.Query!, "dystopia") : null;
            },
        });
        var session = await agent.CreateSessionAsync();

        await agent.RunAsync(Question, session);
        Assert.Equal(6, (await host.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);

        accept = true;
        await agent.RunAsync(Question, session);

        Assert.Equal(2, seen.Count);
        Assert.Equal(Question, seen[1].Query);
        Assert.Equal("alice", seen[1].Scope.UserId);
        Assert.False(string.IsNullOrWhiteSpace(seen[1].Response));
        var model = await host.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Equal(7, model.ItemCount);
        var context = await host.Pipeline.RetrieveContextAsync(new("alice", "lamp2"), Question, top: 7);
        Assert.Contains(context.Examples, e => e.Record.Query == Question && e.Record.Answer == "dystopia");
    }

    [Fact]
    public async Task A_failed_run_is_not_learned()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        var asked = 0;
        var agent = host.Agent(new RpmContextProviderOptions
        {
            LearnFrom = exchange =>
            {
                asked++;
                return new RpmInteraction(exchange.Query!, "dystopia");
            },
        });
        host.AgentModelFails = true;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await agent.RunAsync(Question, await agent.CreateSessionAsync()));

        Assert.Equal(0, asked);
        Assert.Equal(6, (await host.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task Learning_is_off_by_default()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        var agent = host.Agent();
        host.Server.ClearRequests();

        await agent.RunAsync(Question, await agent.CreateSessionAsync());

        Assert.DoesNotContain(host.Server.ChatRequests, r => r.IsStage("extracted_features") || r.IsStage("reasoning_paths"));
        Assert.Equal(6, (await host.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task A_user_RPM_has_not_learned_gets_no_context_and_the_run_goes_on()
    {
        await using var host = await AgentTestHost.StartAsync();
        await host.IngestAsync("alice", Histories.Alice);
        host.SignedInUser = "carol";
        var agent = host.Agent();

        var response = await agent.RunAsync(Question, await agent.CreateSessionAsync());

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        var request = Messages(host.AgentRequests().Single());
        Assert.DoesNotContain("RPM", Text(request, "system") + Text(request, "user"), StringComparison.Ordinal);
    }

    private static JsonArray Messages(RecordedRequest request) => request.BodyAsJsonNode()!["messages"]!.AsArray();

    private static string Text(JsonArray messages, string role) => string.Join("\n", messages
        .Where(m => m!["role"]!.GetValue<string>() == role)
        .Select(m => m!["content"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>() ?? "")),
            _ => "",
        }));
}
