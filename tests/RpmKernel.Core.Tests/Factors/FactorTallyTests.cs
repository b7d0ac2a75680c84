using System.Globalization;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using static RpmKernel.Core.Tests.Factors.FactorTestData;

namespace RpmKernel.Core.Tests.Factors;

/// <summary>
/// The counts kept with a user model give the statistics of a full recompute: random histories counted
/// item by item, in a random order, or with items taken out again, against the formulas computed naively
/// over the same items (<see cref="NaiveStatistics"/>) and against <see cref="FactorStatisticsCalculator"/>.
/// </summary>
public class FactorTallyTests
{
    private static readonly string[] s_labels = ["genre", "Genre ", "mood", "MOOD", "pace", "setting", "cast", "stray", "other stray", "Tone"];
    private static readonly Factor[] s_factors =
    [
        new("Genre preference", "", ["genre", "film genre"]),
        new("Tone", "", ["mood", "Tone"]),
        new("Pace", "", ["pace", "mood"]),
        new("Empty", "", ["never used"]),
    ];

    public static TheoryData<string, int> Histories()
    {
        var data = new TheoryData<string, int>();
        foreach (var task in new[] { "tagging", "rating", "survey" })
        {
            for (var seed = 0; seed < 25; seed++)
            {
                data.Add(task, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Histories))]
    public void Items_counted_one_by_one_in_any_order_give_the_statistics_of_all_at_once(string taskName, int seed)
    {
        var task = Profile(taskName);
        var random = new Random(seed);
        var (items, features) = RandomHistory(task, random, random.Next(0, 40));

        var tally = FactorTally.Empty(task, s_factors);
        foreach (var item in items.OrderBy(_ => random.Next()))
        {
            tally.Add(task, Tallied(item, features), newLabelsPending: false);
        }

        AssertSame(NaiveStatistics.Of(task, items, features, s_factors), TallyStatistics.Of(task, tally));
        AssertSame(FactorStatisticsCalculator.Compute(task, items, features, s_factors), TallyStatistics.Of(task, tally));
        Assert.Equal(items.Length, tally.Items);
        Assert.True(tally.Describes(task, items.ToDictionary(i => i.Id, ItemContentHash.Of)));
    }

    [Theory]
    [MemberData(nameof(Histories))]
    public void Items_taken_out_give_the_statistics_of_the_items_that_remain(string taskName, int seed)
    {
        var task = Profile(taskName);
        var random = new Random(1000 + seed);
        var (items, features) = RandomHistory(task, random, random.Next(1, 40));
        var tally = FactorTally.Build(task, s_factors, items.Select(i => Tallied(i, features)));
        var removed = items.Where(_ => random.Next(3) == 0).ToList();

        foreach (var item in removed.OrderBy(_ => random.Next()))
        {
            tally.Remove(task, Tallied(item, features));
        }

        var remaining = items.Except(removed).ToArray();
        AssertSame(NaiveStatistics.Of(task, remaining, features, s_factors), TallyStatistics.Of(task, tally));
        Assert.True(tally.Describes(task, remaining.ToDictionary(i => i.Id, ItemContentHash.Of)));
        Assert.DoesNotContain(tally.Unmapped, u => u.Value <= 0);
        Assert.Equal(
            remaining.SelectMany(i => features.GetValueOrDefault(i.Id) ?? []).Select(f => f.Factor.Trim()).Where(l => l is "setting" or "cast" or "stray" or "other stray").Distinct().Order(),
            tally.Unmapped.Keys.Order());
    }

    [Fact]
    public void A_tally_describes_only_the_exact_items_it_counted_with_the_same_profile()
    {
        var items = new[] { Item("a", "comedy"), Item("b", "sci-fi") };
        var features = items.ToDictionary(i => i.Id, IReadOnlyList<Feature> (_) => [F("x", "genre")]);
        var tally = FactorTally.Build(Tagging, s_factors, items.Select(i => Tallied(i, features)));
        var hashes = items.ToDictionary(i => i.Id, ItemContentHash.Of);

        Assert.True(tally.Describes(Tagging, hashes));
        Assert.False(tally.Describes(Tagging, new Dictionary<string, string>(hashes) { ["b"] = ItemContentHash.Of("changed", "sci-fi") }));
        Assert.False(tally.Describes(Tagging, new Dictionary<string, string>(hashes) { ["c"] = ItemContentHash.Of("q", "comedy") }));
        Assert.False(tally.Describes(Tagging, hashes.Where(h => h.Key == "a").ToDictionary()));
        Assert.False(tally.Describes(Tagging with { Labels = ["comedy", "sci-fi"] }, hashes));
        Assert.False(tally.Describes(Titles, hashes));
        tally.Version = FactorTally.CurrentVersion + 1;
        Assert.False(tally.Describes(Tagging, hashes));
    }

    [Fact]
    public void The_stored_form_reads_back_with_case_insensitive_labels_and_other_versions_read_as_none()
    {
        var items = new[] { Item("a", "comedy"), Item("b", "Sci-Fi") };
        var features = new Dictionary<string, IReadOnlyList<Feature>> { ["a"] = [F("x", "genre")], ["b"] = [F("y", "Stray")] };
        var tally = FactorTally.Build(Tagging, s_factors, items.Select(i => Tallied(i, features)), pendingLabels: ["stray"]);

        var read = TallyJson.Read(TallyJson.Write(tally))!;

        AssertSame(TallyStatistics.Of(Tagging, tally), TallyStatistics.Of(Tagging, read));
        Assert.True(read.Pending.ContainsKey("STRAY"));
        Assert.True(read.IsKnownLabel(" Film Genre "));
        Assert.Equal(tally.Fingerprint, read.Fingerprint);
        Assert.Null(TallyJson.Read(TallyJson.Write(tally).Replace("\"version\":1", "\"version\":0", StringComparison.Ordinal)));
        Assert.Null(TallyJson.Read("{not json"));
        Assert.Null(TallyJson.Read(null));
    }

    [Fact]
    public void Labels_no_counted_item_carries_extend_the_factors_and_the_counts_stay_exact()
    {
        var random = new Random(7);
        var (history, features) = RandomHistory(Rating, random, 30);
        HistoryItem[] items = [.. history, Item("s", "3")];
        features["s"] = [F("x", "stray")];
        var tally = FactorTally.Build(Rating, s_factors, items.Select(i => Tallied(i, features)));

        tally.AddMember(1, "lighting");
        tally.AddFactor("Brand new", "", ["fresh label"]);
        var added = new[] { Item("n1", "5"), Item("n2", "2") };
        features["n1"] = [F("dim", "lighting"), F("z", "fresh label")];
        features["n2"] = [F("q", "FRESH LABEL")];
        foreach (var item in added)
        {
            tally.Add(Rating, Tallied(item, features), newLabelsPending: false);
        }

        AssertSame(NaiveStatistics.Of(Rating, [.. items, .. added], features, tally.FactorList()), TallyStatistics.Of(Rating, tally));
        Assert.Equal(2, tally.Factors[^1].Evidence);
        Assert.Throws<InvalidOperationException>(() => tally.AddMember(0, "stray"));
        Assert.Throws<InvalidOperationException>(() => tally.AddMember(0, "MOOD"));
        Assert.Throws<InvalidOperationException>(() => tally.AddFactor("Tone", "", ["unseen"]));
    }

    [Fact]
    public void New_uncovered_labels_wait_as_pending_or_count_as_unmapped_and_keep_their_place()
    {
        var tally = FactorTally.Empty(Tagging, s_factors);
        tally.Add(Tagging, new TalliedItem("a", "h", "comedy", [F("x", "waiting")]), newLabelsPending: true);
        tally.Add(Tagging, new TalliedItem("b", "h", "comedy", [F("x", "declined")]), newLabelsPending: false);
        tally.Add(Tagging, new TalliedItem("c", "h", "comedy", [F("x", "Waiting"), F("y", "declined")]), newLabelsPending: false);

        Assert.Equal(2, tally.Pending["waiting"]);
        Assert.Equal(2, tally.Unmapped["DECLINED"]);
        Assert.True(tally.IsKnownLabel("waiting"));

        tally.Remove(Tagging, new TalliedItem("a", "h", "comedy", [F("x", "waiting")]));
        tally.Remove(Tagging, new TalliedItem("c", "h", "comedy", [F("x", "Waiting"), F("y", "declined")]));
        Assert.Empty(tally.Pending);
        Assert.Equal(1, tally.Unmapped["declined"]);
    }

    [Fact]
    public void A_tally_describes_the_stored_records_only_at_the_write_version_it_was_saved_at_and_keeps_it_through_its_stored_form()
    {
        var tally = FactorTally.Empty(Tagging, s_factors);
        tally.Add(Tagging, new TalliedItem("a", "h", "comedy", [F("x", "waiting")]), newLabelsPending: true);
        Assert.False(tally.DescribesVersion(Tagging, null));
        Assert.False(tally.DescribesVersion(Tagging, 42));

        tally.RecordsVersion = 42;
        var read = TallyJson.Read(TallyJson.Write(tally))!;

        Assert.True(read.DescribesVersion(Tagging, 42));
        Assert.True(read.Copy().DescribesVersion(Tagging, 42));
        Assert.False(read.DescribesVersion(Tagging, 43));
        Assert.False(read.DescribesVersion(Tagging, null));
        Assert.False(read.DescribesVersion(Rating, 42));
    }

    private static TaskProfile Profile(string name) => name switch
    {
        "tagging" => Tagging,
        "rating" => Rating,
        _ => Survey,
    };

    private static TalliedItem Tallied(HistoryItem item, IReadOnlyDictionary<string, IReadOnlyList<Feature>> features) =>
        new(item.Id, ItemContentHash.Of(item), item.Answer, features.GetValueOrDefault(item.Id));

    private static (HistoryItem[] Items, Dictionary<string, IReadOnlyList<Feature>> Features) RandomHistory(TaskProfile task, Random random, int count)
    {
        string[] answers = task.Kind switch
        {
            TaskKind.Classification => ["sci-fi", "Comedy", "comedy", "romance ", "Horror", "horror", " "],
            TaskKind.Rating => ["1", "2", "3", "4", "5", "4.0", "meh", ""],
            _ => ["Agree", "agree", " Disagree", "neutral", "NEUTRAL", ""],
        };
        var items = new HistoryItem[count];
        var features = new Dictionary<string, IReadOnlyList<Feature>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            items[i] = new HistoryItem(string.Create(CultureInfo.InvariantCulture, $"i{i}"), $"query {i} {random.Next()}", answers[random.Next(answers.Length)]);
            if (random.Next(6) > 0)
            {
                features[items[i].Id] = [.. Enumerable.Range(0, random.Next(0, 4)).Select(f => F($"f{f}", s_labels[random.Next(s_labels.Length)]))];
            }
        }

        return (items, features);
    }

    private static void AssertSame(IReadOnlyList<FactorStatistics> expected, List<FactorStatistics> actual)
    {
        Assert.Equal(expected.Select(s => (s.Name, s.Evidence)), actual.Select(s => (s.Name, s.Evidence)));
        for (var f = 0; f < expected.Count; f++)
        {
            Assert.Equal(expected[f].Coverage, actual[f].Coverage, 12);
            Assert.Equal(expected[f].Propensity!.Keys, actual[f].Propensity!.Keys);
            foreach (var (label, share) in expected[f].Propensity!)
            {
                Assert.Equal(share, actual[f].Propensity![label], 12);
            }

            Assert.Equal(expected[f].MeanScore.HasValue, actual[f].MeanScore.HasValue);
            Assert.Equal(expected[f].MeanScore ?? 0, actual[f].MeanScore ?? 0, 12);
            Assert.Equal(expected[f].Lift.HasValue, actual[f].Lift.HasValue);
            Assert.Equal(expected[f].Lift ?? 0, actual[f].Lift ?? 0, 12);
            Assert.Equal(expected[f].Members, actual[f].Members);
        }
    }
}
