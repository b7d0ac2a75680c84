using Microsoft.Extensions.AI;
using OpenAI.Chat;
using RpmKernel.SemanticKernel.ChatClients;

namespace RpmKernel.SemanticKernel.Tests.ChatClients;

/// <summary>The tokens of a Semantic Kernel reply, read from its metadata whatever the connector.</summary>
public sealed class TokenUsageReaderTests
{
    [Fact]
    public void Openai_usage_gives_its_counts_and_the_cached_reads_of_its_input_details()
    {
        var usage = OpenAIChatModelFactory.ChatTokenUsage(
            outputTokenCount: 30, inputTokenCount: 120, totalTokenCount: 999, inputTokenDetails: OpenAIChatModelFactory.ChatInputTokenUsageDetails(cachedTokenCount: 64));

        var read = TokenUsageReader.FromMetadata(new Dictionary<string, object?> { ["Usage"] = usage })!;

        Assert.Equal(120, read.InputTokenCount);
        Assert.Equal(30, read.OutputTokenCount);
        Assert.Equal(150, read.TotalTokenCount);
        Assert.Equal(64, read.CachedInputTokenCount);
    }

    [Fact]
    public void Openai_usage_gives_the_same_counts_as_another_type_with_the_same_properties()
    {
        var openAI = TokenUsageReader.FromMetadata(new Dictionary<string, object?>
        {
            ["Usage"] = OpenAIChatModelFactory.ChatTokenUsage(outputTokenCount: 7, inputTokenCount: 11, inputTokenDetails: OpenAIChatModelFactory.ChatInputTokenUsageDetails(cachedTokenCount: 0)),
        })!;
        var other = TokenUsageReader.FromMetadata(new Dictionary<string, object?>
        {
            ["Usage"] = new OtherUsage(11, 7, new OtherDetails(0)),
        })!;

        Assert.Equal(other.InputTokenCount, openAI.InputTokenCount);
        Assert.Equal(other.OutputTokenCount, openAI.OutputTokenCount);
        Assert.Equal(other.TotalTokenCount, openAI.TotalTokenCount);
        Assert.Equal(other.CachedInputTokenCount, openAI.CachedInputTokenCount);
        Assert.Equal(0, openAI.CachedInputTokenCount);
    }

    [Fact]
    public void Usage_details_are_used_as_they_are()
    {
        var details = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 2 };

        Assert.Same(details, TokenUsageReader.FromMetadata(new Dictionary<string, object?> { ["Usage"] = details }));
    }

    private sealed record OtherUsage(int InputTokenCount, int OutputTokenCount, OtherDetails InputTokenDetails);

    private sealed record OtherDetails(int CachedTokenCount);
}
