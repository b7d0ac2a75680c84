using System.Text.Json;
using Rpm.Core.Features;
using Rpm.Core.Records;

namespace Rpm.Storage.Records;

/// <summary>Maps <see cref="ReasoningRecord"/> to and from <see cref="ReasoningRecordEntity"/>.</summary>
internal static class ReasoningRecordMapping
{
    /// <summary>The entity of <paramref name="record"/> with its feature-text <paramref name="embedding"/>.</summary>
    internal static ReasoningRecordEntity ToEntity(ReasoningRecord record, ReadOnlyMemory<float> embedding)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ReasoningRecordEntity
        {
            Key = RecordKeys.ForItem(record.UserId, record.Task, record.ItemId),
            UserId = record.UserId,
            Task = record.Task,
            ItemId = record.ItemId,
            Query = record.Query,
            Answer = record.Answer,
            FeaturesJson = JsonSerializer.Serialize(record.Features, StorageJson.Options),
            FeatureText = record.FeatureText,
            Reasoning = record.Reasoning,
            PromptVersionsJson = JsonSerializer.Serialize(record.PromptVersions, StorageJson.Options),
            Model = record.Model,
            EmbeddingModel = record.EmbeddingModel,
            EmbeddingDimensions = embedding.Length,
            CreatedAt = record.CreatedAt,
            Embedding = embedding,
        };
    }

    /// <summary>The record stored in <paramref name="entity"/>.</summary>
    /// <exception cref="InvalidDataException">The stored JSON is not valid.</exception>
    internal static ReasoningRecord ToRecord(ReasoningRecordEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ReasoningRecord
        {
            UserId = entity.UserId,
            Task = entity.Task,
            ItemId = entity.ItemId,
            Query = entity.Query,
            Answer = entity.Answer,
            Features = Deserialize<List<Feature>>(entity, entity.FeaturesJson, nameof(entity.FeaturesJson)) ?? [],
            FeatureText = entity.FeatureText,
            Reasoning = entity.Reasoning,
            PromptVersions = Deserialize<Dictionary<string, string>>(entity, entity.PromptVersionsJson, nameof(entity.PromptVersionsJson)) ?? [],
            Model = entity.Model,
            EmbeddingModel = entity.EmbeddingModel,
            EmbeddingDimensions = entity.EmbeddingDimensions,
            CreatedAt = entity.CreatedAt,
        };
    }

    private static T? Deserialize<T>(ReasoningRecordEntity entity, string json, string field)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, StorageJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The stored record of item '{entity.ItemId}' (user '{entity.UserId}', task '{entity.Task}') has invalid {field}: {ex.Message} Re-ingest the item to rebuild it.",
                ex);
        }
    }
}
