using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// A kill after the last records and before the user model leaves records without a model; the user
/// is then reported as an incomplete ingest to rerun, not as a user without history (issue 12, finding 9).
/// </summary>
public sealed class IncompleteIngestTests
{
    [Fact]
    public async Task Records_without_a_user_model_are_reported_as_an_incomplete_ingest_and_a_rerun_completes_it()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        await runtime.Storage.UserModels.DeleteAsync("alice", "lamp2");

        var explain = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.ExplainAsync("alice", "lamp2"));
        var personalize = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A quiet romance in Paris."));
        var stranger = await Assert.ThrowsAsync<RpmNotFoundException>(() => runtime.Pipeline.ExplainAsync("bob", "lamp2"));

        Assert.StartsWith("The ingest of user 'alice' for task 'lamp2' is incomplete: 4 records are stored", explain.Message, StringComparison.Ordinal);
        Assert.Contains("Rerun the same `rpmk ingest", personalize.Message, StringComparison.Ordinal);
        Assert.Contains("has no ingested history", stranger.Message, StringComparison.Ordinal);

        var rerun = await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(4));
        Assert.Equal(4, rerun.Reused);
        Assert.Equal(4, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
    }

    [Fact]
    public async Task Spellings_of_one_user_id_reach_the_same_user()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync(" Jos\u0065\u0301 ", "lamp2", SampleHistories.MovieTags(2));

        var model = await runtime.Pipeline.ExplainAsync("Jos\u00e9", "lamp2");

        Assert.Equal("Jos\u00e9", model.UserId);
        await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.ExplainAsync("\uFF2Aos\u00e9", "lamp2"));
    }
}
