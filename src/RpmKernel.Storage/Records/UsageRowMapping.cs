using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>Maps <see cref="UsageRow"/> to and from <see cref="UsageRowEntity"/>.</summary>
internal static class UsageRowMapping
{
    internal static UsageRowEntity ToEntity(UsageRow row) => new()
    {
        Key = row.Id,
        UserId = row.UserId,
        Task = row.Task,
        Stage = row.Stage,
        PromptVersion = row.PromptVersion,
        Model = row.Model,
        InputTokens = row.InputTokens,
        OutputTokens = row.OutputTokens,
        PromptCacheTokens = row.PromptCacheTokens,
        LatencyMs = row.LatencyMs,
        CacheHit = row.CacheHit,
        Failed = row.Failed,
        Batch = row.Batch,
        At = row.At,
    };

    internal static UsageRow ToRow(UsageRowEntity entity) => new()
    {
        Id = entity.Key,
        UserId = entity.UserId,
        Task = entity.Task,
        Stage = entity.Stage,
        PromptVersion = entity.PromptVersion,
        Model = entity.Model,
        InputTokens = entity.InputTokens,
        OutputTokens = entity.OutputTokens,
        PromptCacheTokens = entity.PromptCacheTokens,
        LatencyMs = entity.LatencyMs,
        CacheHit = entity.CacheHit,
        Failed = entity.Failed,
        Batch = entity.Batch,
        At = entity.At,
    };
}
