using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Tests.Stages;

/// <summary>Clustering chunks are cut by a token budget, so long histories need two levels of calls, not a deep tree of small ones.</summary>
public sealed class FactorClusterChunkTests
{
    [Fact]
    public void A_thousand_items_with_a_distinct_label_per_feature_cluster_in_two_levels()
    {
        // The worst case: 1,000 items × 3 features, every proposed label different.
        var labels = Enumerable.Range(0, 3000)
            .Select(i => new ProposedLabel($"preference for theme {i}", 1, [$"theme {i} of the story", $"setting {i}", $"mood {i}"]))
            .ToList();

        var level1 = FactorClusterer.Chunks(labels, chunkSize: 400);

        Assert.InRange(level1.Count, 2, 12);
        Assert.All(level1, c => Assert.InRange(c.Length, 2, 400));
        Assert.Equal(labels.Count, level1.Sum(c => c.Length));

        // Each chunk comes back with at most 8 factors; all of them fit one merge call.
        var merged = Enumerable.Range(0, level1.Count * 8)
            .Select(i => new ProposedLabel($"Canonical factor number {i}", 30, [.. Enumerable.Range(0, 5).Select(m => $"preference for theme {(i * 5) + m}")]))
            .ToList();
        Assert.Single(FactorClusterer.Chunks(merged, chunkSize: 400));
    }

    [Fact]
    public void A_chunk_of_more_than_250_labels_keeps_its_enum_of_labels_within_15000_characters()
    {
        // 53-character labels: the token budget alone would put 352 in a chunk, an enum of 18,656 characters
        // that OpenAI's strict schemas refuse (more than 250 strings must add up to at most 15,000).
        var labels = Enumerable.Range(0, 1000)
            .Select(i => new ProposedLabel($"a fairly long proposed label about consideration {i:D4}", 1, []))
            .ToList();

        var chunks = FactorClusterer.Chunks(labels, chunkSize: 400);

        Assert.Equal(labels.Count, chunks.Sum(c => c.Length));
        Assert.All(chunks, c => Assert.True(c.Length <= 250 || c.Sum(l => l.Label.Length) <= 15_000, $"{c.Length} labels, {c.Sum(l => l.Label.Length)} characters"));
        Assert.Equal(283, chunks[0].Length);

        // Short labels still fill a chunk up to the label limit.
        var shortLabels = Enumerable.Range(0, 800).Select(i => new ProposedLabel($"tone {i}", 1, [])).ToList();
        Assert.Equal([400, 400], FactorClusterer.Chunks(shortLabels, chunkSize: 400).Select(c => c.Length));
    }

    [Fact]
    public void The_label_count_limit_still_cuts_shortLabelslists_and_no_chunk_has_a_single_label()
    {
        var labels = Enumerable.Range(0, 7).Select(i => new ProposedLabel($"l{i}", 1, [])).ToList();

        Assert.Equal([3, 3, 1], FactorClusterer.Chunks(labels, chunkSize: 3).Select(c => c.Length));
        Assert.Single(FactorClusterer.Chunks(labels, chunkSize: 400));

        // Two huge labels still share a chunk: a chunk of one label could not shrink.
        var huge = Enumerable.Range(0, 2).Select(i => new ProposedLabel(new string('x', 40_000) + i, 1, [])).ToList();
        Assert.Single(FactorClusterer.Chunks(huge, chunkSize: 400));
    }
}
