using System.Reflection;
using Microsoft.Extensions.AI;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// Reads the tokens of a model call without knowing the provider: M.E.AI's <see cref="UsageDetails"/>
/// first, else the <c>Usage</c> entry that Semantic Kernel connectors put in a message's metadata,
/// whatever its type (OpenAI's <c>ChatTokenUsage</c>, another connector's own), by its token-count
/// properties; else zero.
/// </summary>
internal static class TokenUsageReader
{
    private static readonly string[] InputNames = ["InputTokenCount", "InputTokens", "PromptTokenCount", "PromptTokens", "prompt_tokens", "input_tokens"];
    private static readonly string[] OutputNames = ["OutputTokenCount", "OutputTokens", "CompletionTokenCount", "CompletionTokens", "completion_tokens", "output_tokens"];

    // Prompt-cache reads: M.E.AI's name, or a details object holding them (OpenAI's InputTokenDetails.CachedTokenCount).
    private static readonly string[] CachedNames = ["CachedInputTokenCount", "CachedTokenCount", "CachedTokens", "cached_tokens"];
    private static readonly string[] InputDetailNames = ["InputTokenDetails", "PromptTokensDetails", "prompt_tokens_details", "input_tokens_details"];

    /// <summary>The input and output tokens of <paramref name="response"/>.</summary>
    public static (long Input, long Output) Read(ChatResponse response) =>
        response.Usage is { } usage ? (usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0) : (0, 0);

    /// <summary>The input tokens of <paramref name="response"/> the provider read from its prompt cache (0 when it says none or nothing).</summary>
    public static long ReadCachedInput(ChatResponse response) =>
        response.Usage?.CachedInputTokenCount is { } cached && cached > 0 ? cached : 0;

    /// <summary>The usage details held by a Semantic Kernel metadata dictionary, or null when it holds none.</summary>
    public static UsageDetails? FromMetadata(IReadOnlyDictionary<string, object?>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.TryGetValue("Usage", out var usage) && usage is not null)
        {
            return usage switch
            {
                UsageDetails details => details,
                ChatTokenUsage openAI => FromOpenAI(openAI),
                _ => FromObject(usage),
            };
        }

        // Some connectors put the counts directly into the metadata.
        var input = First(metadata, InputNames);
        var output = First(metadata, OutputNames);
        return input is null && output is null ? null : new UsageDetails { InputTokenCount = input, OutputTokenCount = output };
    }

    // What FromObject finds on OpenAI's usage type (the counts, and the cached reads in its input details), without reflection.
    private static UsageDetails FromOpenAI(ChatTokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = (long)usage.InputTokenCount + usage.OutputTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails is { } details ? details.CachedTokenCount : null,
    };

    private static UsageDetails? FromObject(object usage)
    {
        var type = usage.GetType();
        var input = First(type, usage, InputNames);
        var output = First(type, usage, OutputNames);
        return input is null && output is null
            ? null
            : new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = (input ?? 0) + (output ?? 0), CachedInputTokenCount = CachedInput(type, usage) };
    }

    private static long? CachedInput(Type type, object usage)
    {
        if (First(type, usage, CachedNames) is { } cached)
        {
            return cached;
        }

        foreach (var name in InputDetailNames)
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(usage) is { } details
                && First(details.GetType(), details, CachedNames) is { } count)
            {
                return count;
            }
        }

        return null;
    }

    private static long? First(Type type, object instance, string[] names)
    {
        foreach (var name in names)
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property
                && ToLong(property.GetValue(instance)) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static long? First(IReadOnlyDictionary<string, object?> metadata, string[] names)
    {
        foreach (var name in names)
        {
            if (metadata.TryGetValue(name, out var value) && ToLong(value) is { } count)
            {
                return count;
            }
        }

        return null;
    }

    private static long? ToLong(object? value) => value switch
    {
        int i => i,
        long l => l,
        uint u => u,
        short s => s,
        double d => (long)d,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetInt64(),
        _ => null,
    };
}
