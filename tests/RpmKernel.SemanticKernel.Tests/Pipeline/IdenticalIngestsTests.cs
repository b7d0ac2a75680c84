using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>Issue 12, finding 3: three identical ingests at once (three runtimes on one SQLite file) pay for one.</summary>
public sealed class IdenticalIngestsTests
{
    [Fact]
    public async Task Three_identical_ingests_at_once_make_the_model_calls_of_one()
    {
        await using var single = await RpmTestHost.StartAsync();
        using (var runtime = single.Runtime())
        {
            await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(12));
        }

        await using var host = await RpmTestHost.StartAsync();
        host.Server.Latency = TimeSpan.FromMilliseconds(50);
        using var a = host.Runtime();
        using var b = host.Runtime();
        using var c = host.Runtime();

        var results = await Task.WhenAll(new[] { a, b, c }.Select(r => Task.Run(() => r.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(12)))));

        Assert.Equal(single.Server.ChatRequests.Count, host.Server.ChatRequests.Count);
        Assert.All(results, r => Assert.Equal(12, r.Model!.ItemCount));
    }
}
