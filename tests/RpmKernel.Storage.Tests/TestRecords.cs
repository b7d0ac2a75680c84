using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Tests;

public static class TestRecords
{
    public static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static CachedResponse Cached(string user, string task, string hash, string content = "{}") => new()
    {
        UserId = user,
        Task = task,
        Stage = "extract-features",
        Hash = hash,
        Content = content,
        InputTokens = 10,
        OutputTokens = 3,
        CreatedAt = At,
    };

    public static UsageRow Usage(string user, string task, int minute, bool hit = false) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = user,
        Task = task,
        Stage = "generate",
        PromptVersion = "v1",
        Model = "m",
        InputTokens = 100,
        OutputTokens = 20,
        LatencyMs = 12.5,
        CacheHit = hit,
        At = At.AddMinutes(minute),
    };

    public static ReasoningRecord Record(string userId, string task, string itemId, string answer = "yes") => new()
    {
        UserId = userId,
        Task = task,
        ItemId = itemId,
        Query = $"query {itemId}",
        Answer = answer,
        Features = [new Feature("genre", "sci-fi", "taste"), new Feature("length", "short", "effort")],
        FeatureText = "genre: sci-fi; length: short",
        Reasoning = $"reasoning of {userId} for {itemId}",
        PromptVersions = new Dictionary<string, string> { ["extract-features"] = "v1", ["construct-reasoning"] = "v2" },
        Model = "gpt-4o-mini",
        EmbeddingModel = "all-MiniLM-L6-v2",
        CreatedAt = new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.FromHours(-5)),
    };

    public static UserModel Model(string userId, string task, int itemCount = 12) => new()
    {
        UserId = userId,
        Task = task,
        ItemCount = itemCount,
        Factors =
        [
            new FactorStatistics
            {
                Name = "taste",
                Description = "likes science fiction",
                Members = ["genre", "theme"],
                Evidence = 6,
                Coverage = 0.5,
                Propensity = new Dictionary<string, double> { ["yes"] = 0.75, ["no"] = 0.25 },
                MeanScore = 4.5,
                Lift = 0.5,
            },
            new FactorStatistics { Name = "effort", Evidence = 3, Coverage = 0.25, Influence = 0.6, BaseRate = 0.2, Polarity = 0.4 },
        ],
        PromptVersions = new Dictionary<string, string> { ["cluster-factors"] = "v1" },
        Model = "gpt-4o-mini",
        BuiltAt = new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero),
    };
}
