using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Security;

/// <summary>
/// Ingest:MaxItemCharacters refuses an oversized query or answer and Ingest:MaxItems an oversized
/// history, before any model call or write; long histories within the limit are batched.
/// </summary>
public sealed class IngestLimitsTests
{
    [Theory]
    [InlineData("query")]
    [InlineData("answer")]
    public async Task An_item_over_the_character_limit_is_refused_by_id_size_and_limit_before_anything_is_stored(string field)
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var limit = runtime.Options.Ingest.MaxItemCharacters;
        var huge = new string('x', limit + 1);
        var history = SampleHistories.MovieTags(5).ToList();
        history[3] = field == "query" ? history[3] with { Query = huge } : new HistoryItem(history[3].Id, history[3].Query, huge);

        var error = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.IngestAsync("alice", field == "query" ? "lamp2" : "lamp5", history));

        Assert.Contains($"'{history[3].Id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{field} of {limit + 1} characters", error.Message, StringComparison.Ordinal);
        Assert.Contains($"limit is {limit} (Rpm:Ingest:MaxItemCharacters)", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
        await runtime.Storage.EnsureReadyAsync();
        Assert.Empty(await runtime.Storage.Reasoning.GetItemIdsAsync("alice", field == "query" ? "lamp2" : "lamp5"));
    }

    [Fact]
    public async Task An_item_exactly_at_the_limit_is_ingested()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.MaxItemCharacters = 300);
        var history = SampleHistories.MovieTags(3).Select(i => i with { Query = (i.Query + " ").PadRight(300, 'z') }).ToList();

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal(3, ingest.Items);
    }

    [Fact]
    public async Task A_history_over_the_item_limit_is_refused_with_the_count_and_the_limit()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.MaxItems = 10);

        var error = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(11)));

        Assert.Contains("has 11 items", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10 (Rpm:Ingest:MaxItems)", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.ChatRequests);
    }

    [Fact]
    public async Task A_300_item_history_is_ingested_in_batches_of_8()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Chat.MaxConcurrency = 16);
        var history = SampleHistories.MovieTags(12);
        var items = Enumerable.Range(0, 300).Select(i => new HistoryItem($"m{i}", $"{history[i % 12].Query} (#{i})", history[i % 12].Answer)).ToList();

        var ingest = await runtime.Pipeline.IngestAsync("alice", "lamp2", items);

        Assert.Equal(300, ingest.Items);
        Assert.Empty(ingest.Failed);
        Assert.Equal(38, host.StageRequests("extracted_features").Count);
        Assert.Equal(38, host.StageRequests("reasoning_paths").Count);
        Assert.Equal(300, (await runtime.Storage.Reasoning.GetItemIdsAsync("alice", "lamp2")).Count);
    }

    [Theory]
    [InlineData("MaxItemCharacters")]
    [InlineData("MaxItems")]
    public async Task A_limit_below_one_is_a_configuration_error_naming_the_key(string key)
    {
        await using var host = await RpmTestHost.StartAsync();

        var error = Assert.Throws<RpmInputException>(() => host.Runtime(o =>
        {
            if (key == "MaxItems")
            {
                o.Ingest.MaxItems = 0;
            }
            else
            {
                o.Ingest.MaxItemCharacters = 0;
            }
        }));

        Assert.Contains($"Rpm:Ingest:{key} must be at least 1", error.Message, StringComparison.Ordinal);
    }
}
