using Microsoft.Data.Sqlite;
using RpmKernel.Core.History;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Adding to a long history reads ids and content hashes, then answers and features, never whole
/// records: the stored records' prompt versions are made unreadable, which a whole-record read
/// would fail on, and the ingest and observe still build the same user model as before.
/// </summary>
public sealed class NarrowIngestReadTests
{
    [Fact]
    public async Task An_added_item_is_ingested_from_ids_hashes_answers_and_features_of_the_stored_ones()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 3);
        var history = SampleHistories.MovieTags(6);
        var first = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        MakeWholeRecordsUnreadable(host);
        host.Server.ClearRequests();

        var added = await runtime.Pipeline.IngestAsync("alice", "lamp2", [new HistoryItem("new-1", "A lighthouse keeper trades letters with a ghost.", "romance")]);

        Assert.Equal((1, 6), (added.Items, added.Reused));
        Assert.Equal(7, added.Model!.ItemCount);
        Assert.Single(host.StageRequests("extracted_features"));
        Assert.Single(host.StageRequests("reasoning_paths"));

        // The statistics rest on all seven items (factors may be renamed by the new clustering):
        // without the stored features only the new item would be counted, with coverage 0 or 1.
        Assert.NotEmpty(first.Model!.Factors);
        Assert.All(added.Model.Factors, f => Assert.Equal(f.Evidence / 7.0, f.Coverage, 6));
        Assert.Contains(added.Model.Factors, f => f.Evidence > 1);
        Assert.Contains("new-1", await runtime.Storage.Reasoning.GetItemIdsAsync("alice", "lamp2"));
    }

    [Fact]
    public async Task A_changed_answer_is_seen_from_the_content_hash_and_asked_for_again()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 3);
        var history = SampleHistories.MovieTags(6).ToList();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        host.Server.ClearRequests();
        history[4] = history[4] with { Answer = history[4].Answer == "comedy" ? "romance" : "comedy" };

        var rerun = await runtime.Pipeline.IngestAsync("alice", "lamp2", history);

        Assert.Equal((1, 5), (rerun.Items, rerun.Reused));
        Assert.Contains(history[4].Query, Assert.Single(host.StageRequests("extracted_features")).Body, StringComparison.Ordinal);
        var stored = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        Assert.Equal(history[4].Answer, stored.Single(r => r.ItemId == history[4].Id).Answer);
    }

    [Fact]
    public async Task Observing_an_item_reads_the_stored_ones_narrowly_too()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        MakeWholeRecordsUnreadable(host);

        var observed = await runtime.Pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), "A city of glass where nobody may leave after dark.", "dystopia");
        var again = await runtime.Pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), "A city of glass where nobody may leave after dark.", "dystopia");

        Assert.False(observed.Reused);
        Assert.True(again.Reused);
        Assert.Equal(7, observed.Model.ItemCount);
    }

    // A whole-record read parses every column; the narrow reads never touch this one.
    private static void MakeWholeRecordsUnreadable(RpmTestHost host)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"rpm_reasoning\" SET \"PromptVersionsJson\" = 'not json';";
        Assert.Equal(6, command.ExecuteNonQuery());
    }
}
