using RpmKernel.Core.History;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class RetrieveContextTests
{
    [Fact]
    public async Task Retrieval_runs_stages_six_and_seven_for_the_bound_user_only_and_generation_reuses_it()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var alice = SampleHistories.MovieTags(8);
        var bob = SampleHistories.MovieTags(8).Select(i => new HistoryItem("bob-" + i.Id, i.Query, i.Answer)).ToList();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", alice);
        await runtime.Pipeline.IngestAsync("bob", "lamp2", bob);
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        host.Server.ClearRequests();

        var context = await runtime.Pipeline.RetrieveContextAsync(new RpmScope("alice", "lamp2"), "A rebel fights a surveillance state.", top: 3);

        Assert.Equal("alice", context.UserId);
        Assert.Equal(3, context.Examples.Count);
        Assert.All(context.Examples, e => Assert.Contains(e.Record.ItemId, alice.Select(i => i.Id)));
        Assert.All(context.Examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Record.Reasoning)));
        Assert.NotEmpty(context.Features);
        Assert.Equal(model.Factors.Select(f => f.Name), context.Factors.Select(f => f.Name));
        Assert.Equal(8, context.ItemCount);
        Assert.Equal(1, context.Usage.Calls);
        Assert.Single(host.StageRequests("target_features"));
        Assert.Empty(host.StageRequests("personalized_answer"));

        var answer = await runtime.Pipeline.GenerateAsync(context);

        Assert.Contains(answer.Answer, runtime.Pipeline.GetTask("lamp2").Labels);
        Assert.Equal(1, answer.Usage.Calls);
        Assert.Equal(context.Examples.Select(e => e.Record.ItemId), answer.Examples.Select(e => e.ItemId));
        Assert.Single(host.StageRequests("target_features"));
        Assert.Contains(context.Examples[0].Record.Reasoning, host.StageRequests("personalized_answer").Single().Body, StringComparison.Ordinal);
    }
}
