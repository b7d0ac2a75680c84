using RpmKernel.Core.Records;
using RpmKernel.Storage.Sqlite;

namespace RpmKernel.Cli.Tests.Support;

/// <summary>Writes usage rows and cached responses straight into the harness's store, as the stage invoker would.</summary>
internal static class Ledger
{
    public static UsageRow Row(string userId, string stage, long input, long output, string model = "gpt-4o-mini", bool cacheHit = false, string task = "lamp2") => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Task = task,
        Stage = stage,
        PromptVersion = "v1",
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        LatencyMs = 12,
        CacheHit = cacheHit,
        At = DateTimeOffset.UtcNow,
    };

    public static async Task AppendAsync(CliHarness cli, params UsageRow[] rows)
    {
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        await storage.Usage.EnsureReadyAsync();
        await storage.Usage.AppendAsync(rows);
    }

    public static async Task CacheAsync(CliHarness cli, string userId, string task, string hash)
    {
        using var storage = SqliteStores.Open(cli.DatabasePath, dimensions: 64);
        await storage.Cache.EnsureReadyAsync();
        await storage.Cache.SetAsync(new CachedResponse
        {
            UserId = userId,
            Task = task,
            Stage = "generate",
            Hash = hash,
            Content = $"{{\"answer\": \"cached for {userId}\"}}",
            CreatedAt = DateTimeOffset.UtcNow,
        });
    }
}
