using System.Text.Json;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>Maps <see cref="ReasoningRecord"/> to and from <see cref="ReasoningRecordEntity"/> and its data without the embedding, <see cref="ReasoningRecordData"/>.</summary>
internal static class ReasoningRecordMapping
{
    /// <summary>The entity of <paramref name="record"/> with its feature-text <paramref name="embedding"/>.</summary>
    internal static ReasoningRecordEntity ToEntity(ReasoningRecord record, ReadOnlyMemory<float> embedding)
    {
        var entity = Fill(new ReasoningRecordEntity { Embedding = embedding }, record);
        entity.EmbeddingDimensions = embedding.Length;
        return entity;
    }

    /// <summary>The data of <paramref name="record"/> without an embedding; it keeps the dimension the record remembers.</summary>
    internal static ReasoningRecordData ToData(ReasoningRecord record) => Fill(new ReasoningRecordData(), record);

    /// <summary>The record stored in <paramref name="entity"/>.</summary>
    /// <exception cref="InvalidDataException">The stored JSON is not valid.</exception>
    internal static ReasoningRecord ToRecord(ReasoningRecordData entity)
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

    /// <summary>The evidence stored in the narrow <paramref name="entity"/>.</summary>
    /// <exception cref="InvalidDataException">The stored features are not valid JSON.</exception>
    internal static StoredEvidence ToEvidence(ReasoningEvidenceEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var features = Deserialize<List<Feature>>(entity.ItemId, entity.UserId, entity.Task, entity.FeaturesJson, nameof(entity.FeaturesJson)) ?? [];
        return new StoredEvidence(entity.ItemId, entity.Answer, features, entity.CreatedAt);
    }

    private static T Fill<T>(T data, ReasoningRecord record)
        where T : ReasoningRecordData
    {
        ArgumentNullException.ThrowIfNull(record);
        data.Key = RecordKeys.ForItem(record.UserId, record.Task, record.ItemId);
        data.UserId = record.UserId;
        data.Task = record.Task;
        data.ItemId = record.ItemId;
        data.Query = record.Query;
        data.Answer = record.Answer;
        data.ContentHash = ItemContentHash.Of(record.Query ?? "", record.Answer ?? "");
        data.FeaturesJson = JsonSerializer.Serialize(record.Features, StorageJson.Options);
        data.FeatureText = record.FeatureText;
        data.Reasoning = record.Reasoning;
        data.PromptVersionsJson = JsonSerializer.Serialize(record.PromptVersions, StorageJson.Options);
        data.Model = record.Model;
        data.EmbeddingModel = record.EmbeddingModel;
        data.EmbeddingDimensions = record.EmbeddingDimensions;
        data.CreatedAt = record.CreatedAt;
        return data;
    }

    private static T? Deserialize<T>(ReasoningRecordData entity, string json, string field) =>
        Deserialize<T>(entity.ItemId, entity.UserId, entity.Task, json, field);

    private static T? Deserialize<T>(string itemId, string userId, string task, string json, string field)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, StorageJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The stored record of item '{itemId}' (user '{userId}', task '{task}') has invalid {field}: {ex.Message} Re-ingest the item to rebuild it.",
                ex);
        }
    }
}
