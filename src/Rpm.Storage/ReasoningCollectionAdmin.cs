using Microsoft.Extensions.VectorData;
using Rpm.Core.Records;
using Rpm.Storage.Records;

namespace Rpm.Storage;

/// <summary>
/// Administrative access to the reasoning-record collection for re-embedding: reads records through
/// a data-only view (no vector property), so a collection built with another embedding dimension
/// can still be read, and drops the collection so it can be recreated with the new dimension.
/// Unlike <see cref="Abstractions.IReasoningStore"/> it can read every user at once; it is meant
/// for maintenance commands (<c>rpm reindex</c>), never for serving a user.
/// </summary>
public sealed class ReasoningCollectionAdmin
{
    private const string BackupSuffix = "_reindex";

    private readonly VectorStoreCollection<object, Dictionary<string, object?>> _view;

    /// <summary>Creates the admin view of collection <paramref name="collectionName"/> in <paramref name="vectorStore"/>.</summary>
    /// <param name="vectorStore">The vector store holding the collection.</param>
    /// <param name="collectionName">The reasoning-record collection name.</param>
    public ReasoningCollectionAdmin(VectorStore vectorStore, string collectionName = ReasoningRecordEntity.DefaultCollectionName)
    {
        ArgumentNullException.ThrowIfNull(vectorStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionName);
        // A dynamic view: a typed one would pick the vector property up from the entity's attributes.
        _view = vectorStore.GetDynamicCollection(collectionName, DataOnlyDefinition());
        Name = collectionName;
    }

    /// <summary>The collection name.</summary>
    public string Name { get; }

    /// <summary>The collection a rebuild of <paramref name="collectionName"/> copies every record to before dropping it, so an interrupted rebuild can be finished.</summary>
    /// <param name="collectionName">The reasoning-record collection name.</param>
    public static string BackupName(string collectionName) => collectionName + BackupSuffix;

    /// <summary>Whether the collection exists.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => _view.CollectionExistsAsync(cancellationToken);

    /// <summary>Every record (of one user when <paramref name="userId"/> is set), without vectors, ordered by user, task and item.</summary>
    /// <param name="userId">One user, or null for every user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<IReadOnlyList<ReasoningRecord>> ReadAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        // Read everything and scope in memory: dynamic filters are not supported by every provider, and this is maintenance, not serving.
        var entities = new List<ReasoningRecordEntity>();
        await foreach (var row in _view.GetAsync(r => true, int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var entity = ToEntity(row);
            if (userId is null || string.Equals(entity.UserId, userId, StringComparison.Ordinal))
            {
                entities.Add(entity);
            }
        }

        return [.. entities
            .Select(ReasoningRecordMapping.ToRecord)
            .OrderBy(r => r.UserId, StringComparer.Ordinal)
            .ThenBy(r => r.Task, StringComparer.Ordinal)
            .ThenBy(r => r.ItemId, StringComparer.Ordinal)];
    }

    /// <summary>Drops the collection (records and vectors); recreate it with <see cref="Abstractions.IReasoningStore.EnsureReadyAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task DropAsync(CancellationToken cancellationToken = default) => _view.EnsureCollectionDeletedAsync(cancellationToken);

    private static ReasoningRecordEntity ToEntity(Dictionary<string, object?> row) => new()
    {
        Key = Value<Guid>(row, nameof(ReasoningRecordEntity.Key)),
        UserId = Value<string>(row, nameof(ReasoningRecordEntity.UserId)) ?? "",
        Task = Value<string>(row, nameof(ReasoningRecordEntity.Task)) ?? "",
        ItemId = Value<string>(row, nameof(ReasoningRecordEntity.ItemId)) ?? "",
        Query = Value<string>(row, nameof(ReasoningRecordEntity.Query)) ?? "",
        Answer = Value<string>(row, nameof(ReasoningRecordEntity.Answer)) ?? "",
        FeaturesJson = Value<string>(row, nameof(ReasoningRecordEntity.FeaturesJson)) ?? "[]",
        FeatureText = Value<string>(row, nameof(ReasoningRecordEntity.FeatureText)) ?? "",
        Reasoning = Value<string>(row, nameof(ReasoningRecordEntity.Reasoning)) ?? "",
        PromptVersionsJson = Value<string>(row, nameof(ReasoningRecordEntity.PromptVersionsJson)) ?? "{}",
        Model = Value<string>(row, nameof(ReasoningRecordEntity.Model)) ?? "",
        EmbeddingModel = Value<string>(row, nameof(ReasoningRecordEntity.EmbeddingModel)) ?? "",
        EmbeddingDimensions = Value<int>(row, nameof(ReasoningRecordEntity.EmbeddingDimensions)),
        CreatedAt = Value<DateTimeOffset>(row, nameof(ReasoningRecordEntity.CreatedAt)),
    };

    private static T? Value<T>(Dictionary<string, object?> row, string name) =>
        row.TryGetValue(name, out var value) && value is T typed ? typed : default;

    private static VectorStoreCollectionDefinition DataOnlyDefinition() => new()
    {
        Properties = [.. ReasoningRecordEntity.CreateDefinition(1).Properties.Where(p => p is not VectorStoreVectorProperty)],
    };
}
