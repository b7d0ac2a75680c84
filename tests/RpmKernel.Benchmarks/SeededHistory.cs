using RpmKernel.Core.Features;
using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Writes large histories straight into the store (records as ingest would build them, with random
/// unit vectors), so a 50,000-record user or a 1,000-user file is there in seconds instead of the
/// hours real embedding would take.
/// </summary>
internal static class SeededHistory
{
    private const int Dimensions = 384;
    private const int RecordsPerWrite = 2000;
    private static readonly string[] s_factors = ["genre preference", "tone", "setting", "characters", "plot twist", "source material", "pacing", "themes"];

    /// <summary>The items a seeded user starts from: ingested for real, so the user has a user model and factors.</summary>
    public const int IngestedItems = 8;

    /// <summary>
    /// A user of <paramref name="records"/> records: <see cref="IngestedItems"/> items ingested through the pipeline
    /// (user model, factors, statistics), the rest written straight into the store.
    /// </summary>
    public static async Task SeedUserAsync(RpmRuntime runtime, string userId, int records, int seed, CancellationToken cancellationToken)
    {
        var ingest = await runtime.Pipeline.IngestAsync(userId, "lamp2", SyntheticHistory.Items(IngestedItems, seed: 3), cancellationToken: cancellationToken);
        if (ingest.Items != IngestedItems)
        {
            throw new InvalidOperationException($"The starting ingest stored {ingest.Items} of {IngestedItems} items.");
        }

        await SeedAsync(runtime, userId, records - IngestedItems, seed, cancellationToken);
    }

    public static async Task SeedAsync(RpmRuntime runtime, string userId, int records, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        for (var start = 0; start < records; start += RecordsPerWrite)
        {
            var count = Math.Min(RecordsPerWrite, records - start);
            var batch = new List<ReasoningRecord>(count);
            var vectors = new List<ReadOnlyMemory<float>>(count);
            for (var i = 0; i < count; i++)
            {
                batch.Add(Record(userId, $"s{start + i}", random));
                vectors.Add(UnitVector(random));
            }

            await runtime.Storage.Reasoning.UpsertAsync(batch, vectors, cancellationToken);
        }
    }

    public static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        double sum = 0;
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] = (float)(random.NextDouble() - 0.5);
            sum += vector[d] * vector[d];
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] *= scale;
        }

        return vector;
    }

    private static ReasoningRecord Record(string userId, string itemId, Random random)
    {
        var features = Enumerable.Range(0, 3)
            .Select(f => s_factors[random.Next(s_factors.Length)])
            .Select(factor => new Feature($"{factor} {itemId}", $"part of item {itemId}", factor))
            .ToList();
        return new ReasoningRecord
        {
            UserId = userId,
            Task = "lamp2",
            ItemId = itemId,
            Query = SyntheticHistory.Description(random),
            Answer = SyntheticHistory.Tags[random.Next(SyntheticHistory.Tags.Length)],
            Features = features,
            FeatureText = FeatureText.Compose(features),
            Reasoning = "The user tags stories like this by their " + string.Join(" and ", features.Select(f => f.Factor)) + ", as the statistics of these factors show; " + SyntheticHistory.Description(random),
            PromptVersions = new Dictionary<string, string> { ["extract-features"] = "v1", ["construct-reasoning"] = "v1" },
            Model = "gpt-4o-mini",
            EmbeddingModel = "all-MiniLM-L6-v2",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
    }
}
