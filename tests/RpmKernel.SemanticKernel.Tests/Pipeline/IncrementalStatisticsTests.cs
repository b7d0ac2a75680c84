using Microsoft.Data.Sqlite;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Adding an item to a history updates the counts kept with the user model instead of reading and
/// clustering every stored item, and the model still equals a full recompute over the stored records.
/// </summary>
public sealed class IncrementalStatisticsTests
{
    private static readonly Dictionary<string, string[]> s_labels = new()
    {
        ["A clerk rebels against a watchful state."] = ["genre", "mood"],
        ["Two sisters run a bakery for a summer."] = ["genre-classic"],
        ["A crew flies through a wormhole."] = ["mood-dark", "pace"],
        ["A detective hunts a killer of sinners."] = ["genre"],
        ["Survivors live in walled cities."] = ["setting"],
        ["An accountant falls in love in a blackout."] = ["mood"],
        ["An android questions its purpose."] = ["genre"],
        ["A wizard learns who murdered his parents."] = ["genre-noir"],
        ["A hitman is betrayed by his agency."] = ["lighting"],
        ["A town turns out to be a simulation."] = ["mood", "lighting"],
        ["A soldier relives one day of battle."] = ["pace", "genre"],
    };

    /// <summary>The feature labels the fake model gives each query of <see cref="History"/>.</summary>
    internal static IReadOnlyDictionary<string, string[]> LabelsByQuery => s_labels;

    private static readonly string[] s_tags = ["dystopia", "comedy", "sci-fi", "violence", "dystopia", "romance", "sci-fi", "based on a book", "action", "dystopia", "sci-fi"];

    [Fact]
    public async Task Items_added_and_removed_one_by_one_keep_the_statistics_of_a_full_recompute_over_the_stored_records()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
        LabelledModel.Answer(host.Server, s_labels);
        var history = History();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(6).ToList());
        await AssertFullRecomputeAsync(runtime);

        foreach (var item in history.Skip(6))
        {
            host.Server.ClearRequests();
            var added = await runtime.Pipeline.IngestAsync("alice", "lamp2", [item]);

            Assert.Equal(1, added.Items);
            var clustering = host.StageRequests("user_factors");
            string? newLabel = item.Id switch { "m8" => "genre-noir", "m9" => "lighting", _ => null };
            if (newLabel is null)
            {
                // Labels the factors cover: no clustering call.
                Assert.Empty(clustering);
            }
            else
            {
                // A new label is clustered alone, beside the user's factors, never with the stored items' labels.
                Assert.Equal(["Genre", "Mood", "Pace", "Setting", newLabel], LabelledModel.OfferedLabels(Assert.Single(clustering)));
            }

            await AssertFullRecomputeAsync(runtime);
        }

        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        Assert.Contains("genre-noir", model.Factors.Single(f => f.Name == "Genre").Members);
        Assert.Equal(["lighting"], model.Factors.Single(f => f.Name == "Lighting").Members);

        foreach (var itemId in new[] { "m1", "m9" })
        {
            var removal = await runtime.Pipeline.RemoveItemAsync("alice", "lamp2", itemId);
            Assert.Empty(removal.DroppedFactors);
            await AssertFullRecomputeAsync(runtime);
        }

        // m10 was the last item labelled "lighting": its factor goes with it.
        Assert.Equal(["Lighting"], (await runtime.Pipeline.RemoveItemAsync("alice", "lamp2", "m10")).DroppedFactors);
        await AssertFullRecomputeAsync(runtime);
    }

    [Fact]
    public async Task A_model_without_counts_is_upgraded_by_one_full_recompute_and_later_adds_read_no_stored_features()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
        LabelledModel.Answer(host.Server, s_labels);
        var history = History();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history.Take(6).ToList());
        var models = (UserModelStore)runtime.Storage.UserModels;
        Assert.NotNull((await models.GetWithTallyAsync("alice", "lamp2", default)).TallyJson);

        // What the version before the counts stored: the model alone.
        await models.UpsertAsync((await models.GetAsync("alice", "lamp2"))!);
        Assert.Null((await models.GetWithTallyAsync("alice", "lamp2", default)).TallyJson);
        host.Server.ClearRequests();

        var upgraded = await runtime.Pipeline.IngestAsync("alice", "lamp2", [history[6]]);

        // Every item's labels are clustered again, once, and the counts are stored with the model.
        Assert.Contains("genre-classic", LabelledModel.OfferedLabels(Assert.Single(host.StageRequests("user_factors"))));
        Assert.NotNull((await models.GetWithTallyAsync("alice", "lamp2", default)).TallyJson);
        Assert.Equal(7, upgraded.Model!.ItemCount);

        // From now on the stored features are never read: a read of them would fail.
        MakeStoredFeaturesUnreadable(host);
        host.Server.ClearRequests();
        var mood = upgraded.Model.Factors.Single(f => f.Name == "Mood");

        var added = await runtime.Pipeline.IngestAsync("alice", "lamp2", [new HistoryItem("n1", "An accountant falls in love in a blackout.", "romance")]);
        var observed = await runtime.Pipeline.ObserveAsync(new RpmScope("alice", "lamp2"), "A clerk rebels against a watchful state.", "dystopia", itemId: "n2");

        Assert.Empty(host.StageRequests("user_factors"));
        Assert.Equal((1, 8), (added.Items, added.Model!.ItemCount));
        Assert.Equal(mood.Evidence + 1, added.Model.Factors.Single(f => f.Name == "Mood").Evidence);
        Assert.False(observed.Reclustered);
        Assert.Equal(9, observed.Model.ItemCount);
        // Mood: m1 dystopia, m3 sci-fi, m6 romance, n1 romance, n2 dystopia.
        Assert.Equal((3, 5), (mood.Evidence, observed.Model.Factors.Single(f => f.Name == "Mood").Evidence));
        Assert.Equal(2 / 5.0, observed.Model.Factors.Single(f => f.Name == "Mood").Propensity!["romance"], 12);
        Assert.Equal(5 / 9.0, observed.Model.Factors.Single(f => f.Name == "Mood").Coverage, 12);
    }

    [Fact]
    public async Task An_open_ended_task_keeps_no_counts_and_recomputes_over_every_record()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime(o => o.Ingest.BatchSize = 1);
        LabelledModel.Answer(host.Server, s_labels);
        var history = History().Select(i => i with { Answer = $"A title about {i.Query.Split(' ')[1]}" }).ToList();
        await runtime.Pipeline.IngestAsync("alice", "lamp5", history.Take(6).ToList());

        var added = await runtime.Pipeline.IngestAsync("alice", "lamp5", [history[6]]);

        Assert.Null((await ((UserModelStore)runtime.Storage.UserModels).GetWithTallyAsync("alice", "lamp5", default)).TallyJson);
        var stored = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp5");
        var expected = FactorStatisticsCalculator.Compute(runtime.Pipeline.GetTask("lamp5"), [.. stored.Select(r => new HistoryItem(r.ItemId, r.Query, r.Answer))],
            stored.ToDictionary(r => r.ItemId, r => r.Features), [.. added.Model!.Factors.Select(f => new Factor(f.Name, f.Description, f.Members))]);
        Assert.Equal(expected.Select(s => (s.Name, s.Evidence, s.Influence, s.BaseRate)), added.Model.Factors.Select(s => (s.Name, s.Evidence, s.Influence, s.BaseRate)));
    }

    internal static List<HistoryItem> History() => [.. s_labels.Keys.Select((query, i) => new HistoryItem($"m{i + 1}", query, s_tags[i]))];

    // The stored model against the statistics computed from scratch over every stored record with the model's factors.
    internal static async Task AssertFullRecomputeAsync(RpmRuntime runtime)
    {
        var model = await runtime.Pipeline.ExplainAsync("alice", "lamp2");
        var stored = await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2");
        var expected = FactorStatisticsCalculator.Compute(runtime.Pipeline.GetTask("lamp2"), [.. stored.Select(r => new HistoryItem(r.ItemId, r.Query, r.Answer))],
            stored.ToDictionary(r => r.ItemId, r => r.Features), [.. model.Factors.Select(f => new Factor(f.Name, f.Description, f.Members))]);

        Assert.Equal(stored.Count, model.ItemCount);
        Assert.Equal(expected.Select(s => (s.Name, s.Evidence)), model.Factors.Select(s => (s.Name, s.Evidence)));
        for (var f = 0; f < expected.Count; f++)
        {
            Assert.Equal(expected[f].Coverage, model.Factors[f].Coverage, 12);
            Assert.Equal(expected[f].Propensity!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key), model.Factors[f].Propensity!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key));
            Assert.All(expected[f].Propensity!, p => Assert.Equal(p.Value, model.Factors[f].Propensity![p.Key], 12));
        }
    }

    // The narrow evidence read parses every record's features; the counts never need them.
    private static void MakeStoredFeaturesUnreadable(RpmTestHost host)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"rpm_reasoning\" SET \"FeaturesJson\" = 'not json';";
        Assert.Equal(7, command.ExecuteNonQuery());
    }
}
