using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>Maps <see cref="CachedResponse"/> to and from <see cref="CachedResponseEntity"/>.</summary>
internal static class CachedResponseMapping
{
    internal static CachedResponseEntity ToEntity(CachedResponse response) => new()
    {
        Key = RecordKeys.ForCacheEntry(response.UserId, response.Hash),
        UserId = response.UserId,
        Task = response.Task,
        Stage = response.Stage,
        Hash = response.Hash,
        Content = response.Content,
        InputTokens = response.InputTokens,
        OutputTokens = response.OutputTokens,
        CreatedAt = response.CreatedAt,
    };

    internal static CachedResponse ToResponse(CachedResponseEntity entity) => new()
    {
        UserId = entity.UserId,
        Task = entity.Task,
        Stage = entity.Stage,
        Hash = entity.Hash,
        Content = entity.Content,
        InputTokens = entity.InputTokens,
        OutputTokens = entity.OutputTokens,
        CreatedAt = entity.CreatedAt,
    };
}
