using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Tests;

/// <summary>Field-by-field equality: records hold lists and dictionaries, which record equality compares by reference.</summary>
public static class RecordAssert
{
    public static void Equal(ReasoningRecord expected, ReasoningRecord actual)
    {
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Task, actual.Task);
        Assert.Equal(expected.ItemId, actual.ItemId);
        Assert.Equal(expected.Query, actual.Query);
        Assert.Equal(expected.Answer, actual.Answer);
        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.FeatureText, actual.FeatureText);
        Assert.Equal(expected.Reasoning, actual.Reasoning);
        Assert.Equal(expected.PromptVersions.OrderBy(p => p.Key), actual.PromptVersions.OrderBy(p => p.Key));
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.EmbeddingModel, actual.EmbeddingModel);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }
}
