using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using static RpmKernel.Core.Tests.Factors.FactorTestData;

namespace RpmKernel.Core.Tests.Factors;

public class FactorStatisticsCalculatorTests
{
    [Fact]
    public void Classification_history_gives_coverage_and_propensity_per_factor()
    {
        var items = new[]
        {
            Item("m1", "sci-fi"), Item("m2", "Comedy"), Item("m3", "sci-fi"), Item("m4", " romance "), Item("m5", "comedy"),
        };
        var features = new Dictionary<string, IReadOnlyList<Feature>>
        {
            ["m1"] = [F("spaceship", "genre"), F("bleak", " MOOD ")],
            ["m2"] = [F("jokes", "film genre")],
            // Two features of one factor: the item still counts once.
            ["m3"] = [F("aliens", "Genre preference"), F("robots", "genre")],
            ["m4"] = [F("love", "mood"), F("kiss", "unmapped label")],
            // m5 has no entry; "ghost" is not in the history and must not count.
            ["ghost"] = [F("lasers", "genre")],
        };
        var factors = new[]
        {
            new Factor("Genre preference", "Likes speculative fiction.", ["genre", "Film Genre"]),
            new Factor("Tone", "Cares about mood.", ["mood"]),
            new Factor("Unused", "No evidence.", ["nothing"]),
        };

        var stats = FactorStatisticsCalculator.Compute(Tagging, items, features, factors);

        Assert.Equal(["Genre preference", "Tone", "Unused"], stats.Select(s => s.Name));

        // Genre: A = {m1, m2, m3}, n = 3, N = 5 -> coverage 3/5; answers sci-fi, comedy ("Comedy"
        // canonicalized), sci-fi -> sci-fi 2/3, comedy 1/3, listed by share.
        var genre = stats[0];
        Assert.Equal(3, genre.Evidence);
        Assert.Equal(0.6, genre.Coverage, Precision);
        Assert.Equal(["sci-fi", "comedy"], genre.Propensity!.Keys);
        Assert.Equal(2.0 / 3, genre.Propensity["sci-fi"], Precision);
        Assert.Equal(1.0 / 3, genre.Propensity["comedy"], Precision);
        Assert.Equal("Likes speculative fiction.", genre.Description);
        Assert.Equal(["genre", "Film Genre"], genre.Members);

        // Tone: A = {m1, m4}, n = 2 -> coverage 2/5; sci-fi 1/2, romance 1/2 (ties by label).
        var tone = stats[1];
        Assert.Equal(2, tone.Evidence);
        Assert.Equal(0.4, tone.Coverage, Precision);
        Assert.Equal(["romance", "sci-fi"], tone.Propensity!.Keys);
        Assert.Equal(0.5, tone.Propensity["romance"], Precision);
        Assert.Equal(0.5, tone.Propensity["sci-fi"], Precision);

        // Unused: n = 0 -> coverage 0, empty propensity.
        Assert.Equal(0, stats[2].Evidence);
        Assert.Equal(0, stats[2].Coverage);
        Assert.Empty(stats[2].Propensity!);

        Assert.All(stats, s =>
        {
            Assert.Null(s.MeanScore);
            Assert.Null(s.Lift);
            Assert.Null(s.Influence);
            Assert.Null(s.BaseRate);
            Assert.Null(s.Polarity);
        });
    }

    [Fact]
    public void Rating_history_gives_propensity_mean_score_and_lift()
    {
        var items = new[]
        {
            Item("r1", "5"), Item("r2", "4.0"), Item("r3", " 2 "), Item("r4", "1"), Item("r5", "great"), Item("r6", "2"),
        };
        var features = new Dictionary<string, IReadOnlyList<Feature>>
        {
            ["r1"] = [F("cheap", "cost")],
            ["r2"] = [F("cheap", "cost"), F("sturdy", "durability")],
            ["r3"] = [F("broke", "durability")],
            ["r4"] = [F("overpriced", "Cost")],
            ["r5"] = [F("lasts", "durability")],
            ["r6"] = [],
        };
        var factors = new[] { new Factor("Price", "", ["cost"]), new Factor("Quality", "", ["durability"]) };

        var stats = FactorStatisticsCalculator.Compute(Rating, items, features, factors);

        // Mean of all parsable scores: (5 + 4 + 2 + 1 + 2) / 5 = 2.8 ("great" has no score).
        // Price: A = {r1, r2, r4}, n = 3, N = 6 -> coverage 1/2; labels 5, 4 ("4.0"), 1 -> 1/3 each,
        // ties listed by label; mean (5 + 4 + 1) / 3 = 10/3; lift 10/3 - 2.8 = 8/15.
        var price = stats[0];
        Assert.Equal(3, price.Evidence);
        Assert.Equal(0.5, price.Coverage, Precision);
        Assert.Equal(["1", "4", "5"], price.Propensity!.Keys);
        Assert.All(price.Propensity.Values, share => Assert.Equal(1.0 / 3, share, Precision));
        Assert.Equal(10.0 / 3, price.MeanScore!.Value, Precision);
        Assert.Equal(8.0 / 15, price.Lift!.Value, Precision);

        // Quality: A = {r2, r3, r5}, n = 3; labels 4, 2, great -> 1/3 each; mean over the parsable
        // (4 + 2) / 2 = 3; lift 3 - 2.8 = 0.2.
        var quality = stats[1];
        Assert.Equal(3, quality.Evidence);
        Assert.Equal(["2", "4", "great"], quality.Propensity!.Keys);
        Assert.Equal(3.0, quality.MeanScore!.Value, Precision);
        Assert.Equal(0.2, quality.Lift!.Value, Precision);

        Assert.All(stats, s => Assert.Null(s.Influence));
    }

    [Fact]
    public void Generation_history_gives_influence_base_rate_and_polarity()
    {
        var items = new[]
        {
            Item("g1", "Graph Neural Networks for Molecular Property Prediction"),
            Item("g2", "A Survey of Reinforcement Learning"),
            Item("g3", "Deep Learning for Medical Imaging"),
            Item("g4", "Transformers for Protein Folding"),
            Item("g5", "On Scaling Laws"),
        };
        var features = new Dictionary<string, IReadOnlyList<Feature>>
        {
            ["g1"] = [new("graph neural network", "we propose a graph neural network", "method"), new("chemistry", "molecular property prediction", "domain")],
            ["g2"] = [new("reinforcement learning", "we review reinforcement learning methods", "method")],
            ["g3"] = [new("medical imaging", "applications to radiology", "domain")],
            ["g5"] = [new("transformer depth", "twelve layers", "Method")],
            // Not in the history: if its tokens counted, g2 ("survey") would reflect Domain.
            ["ghost"] = [new("survey", "literature survey", "domain")],
        };
        var factors = new[]
        {
            new Factor("Methodology", "", ["method"]),
            new Factor("Application domain", "", ["domain"]),
            new Factor("Empty", "", ["nothing"]),
        };

        var stats = FactorStatisticsCalculator.Compute(Titles, items, features, factors);

        // Methodology tokens: graph neural network propose reinforcement learning review methods
        // transformer depth twelve layers. A = {g1, g2, g5}, n = 3, N = 5 -> coverage 3/5.
        // Inside: g1 (graph) and g2 (reinforcement) reflect, g5 {scaling, laws} does not -> 2/3.
        // Outside: g3 (learning) reflects, g4 {transformers, protein, folding} does not
        // ("transformers" is not "transformer") -> 1/2. Polarity 2/3 - 1/2 = 1/6.
        var method = stats[0];
        Assert.Equal(3, method.Evidence);
        Assert.Equal(0.6, method.Coverage, Precision);
        Assert.Equal(2.0 / 3, method.Influence!.Value, Precision);
        Assert.Equal(0.5, method.BaseRate!.Value, Precision);
        Assert.Equal(1.0 / 6, method.Polarity!.Value, Precision);

        // Domain tokens: chemistry molecular property prediction medical imaging applications
        // radiology. A = {g1, g3}, n = 2 -> coverage 2/5. Inside: g1 (molecular), g3 (medical) -> 1.
        // Outside: g2, g4, g5 share nothing -> 0. Polarity 1.
        var domain = stats[1];
        Assert.Equal(2, domain.Evidence);
        Assert.Equal(0.4, domain.Coverage, Precision);
        Assert.Equal(1.0, domain.Influence!.Value, Precision);
        Assert.Equal(0.0, domain.BaseRate!.Value, Precision);
        Assert.Equal(1.0, domain.Polarity!.Value, Precision);

        // Empty: no features, no tokens -> nothing reflects it anywhere.
        Assert.Equal(0, stats[2].Evidence);
        Assert.Equal(0.0, stats[2].Influence);
        Assert.Equal(0.0, stats[2].BaseRate);
        Assert.Equal(0.0, stats[2].Polarity);

        Assert.All(stats, s =>
        {
            Assert.Null(s.Propensity);
            Assert.Null(s.MeanScore);
            Assert.Null(s.Lift);
        });
    }
}
