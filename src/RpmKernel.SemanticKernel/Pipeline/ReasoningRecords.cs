using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Stage 5's record of one history item: <c>(q_i, G_i, r_i, a_i)</c> with its feature text and provenance.</summary>
internal static class ReasoningRecords
{
    public static ReasoningRecord Create(
        string userId, TaskProfile task, HistoryItem item, IReadOnlyList<Feature> features, string reasoning,
        IReadOnlyDictionary<string, string> promptVersions, string model, string embeddingModel, DateTimeOffset createdAt) => new()
        {
            UserId = userId,
            Task = task.Name,
            ItemId = item.Id,
            Query = item.Query,
            Answer = item.Answer,
            Features = features,
            FeatureText = FeatureText.Compose(features),
            Reasoning = reasoning,
            PromptVersions = promptVersions,
            Model = model,
            EmbeddingModel = embeddingModel,
            CreatedAt = createdAt,
        };
}
