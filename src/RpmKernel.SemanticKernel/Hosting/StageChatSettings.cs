using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// The effective chat settings of each prompt stage: <c>Rpm:Chat:Stages:&lt;stage&gt;:*</c>, then for
/// the model the shortcut of the stage's phase (<c>IngestModel</c> for stages 1, 2 and 4,
/// <c>ServeModel</c> for 6 and 8), then <c>Rpm:Chat:*</c>. Prompts that are not RPM stages (the
/// evaluation's baselines) answer a query, so they take the settings of <c>generate</c>.
/// </summary>
internal static class StageChatSettings
{
    /// <summary>The stages that build a user's memory, in pipeline order.</summary>
    public static IReadOnlyList<string> IngestStages { get; } = [RpmStage.ExtractFeatures, RpmStage.ClusterFactors, RpmStage.ConstructReasoning];

    /// <summary>The stages that answer a new query, in pipeline order.</summary>
    public static IReadOnlyList<string> ServeStages { get; } = [RpmStage.ExtractTargetFeatures, RpmStage.Generate];

    /// <summary>The RPM stage whose settings <paramref name="stage"/> uses: itself, or <c>generate</c> for a baseline prompt.</summary>
    public static string SettingsStage(string stage) =>
        RpmStage.All.FirstOrDefault(s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase)) ?? RpmStage.Generate;

    /// <summary>The settings <paramref name="stage"/>'s calls use (a copy of <paramref name="chat"/> with the stage's own settings applied).</summary>
    public static RpmChatOptions For(RpmChatOptions chat, string stage)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(stage);
        var key = SettingsStage(stage);
        var merged = chat.Clone();
        merged.Stages = new(StringComparer.OrdinalIgnoreCase);
        merged.Model = ModelOf(chat, key).Model;
        if (Own(chat, key) is { } own)
        {
            merged.Provider = own.Provider ?? chat.Provider;
            merged.Endpoint = own.Endpoint ?? chat.Endpoint;
            merged.ApiKey = own.ApiKey ?? chat.ApiKey;
            merged.StructuredOutput = own.StructuredOutput ?? chat.StructuredOutput;
            merged.MaxConcurrency = own.MaxConcurrency ?? chat.MaxConcurrency;
        }

        return merged;
    }

    /// <summary>The model of <paramref name="stage"/> from the options alone, with the key it comes from.</summary>
    public static StageModel ModelOf(RpmChatOptions chat, string stage)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var key = SettingsStage(stage);
        if (Own(chat, key)?.Model is { } model)
        {
            return new StageModel(key, model, $"Rpm:Chat:Stages:{key}:Model");
        }

        var ingest = IngestStages.Contains(key);
        var shortcut = ingest ? chat.IngestModel : chat.ServeModel;
        return shortcut is not null
            ? new StageModel(key, shortcut, ingest ? "Rpm:Chat:IngestModel" : "Rpm:Chat:ServeModel")
            : new StageModel(key, chat.Model, "Rpm:Chat:Model");
    }

    /// <summary>
    /// Each RPM stage with the model it will use and where that comes from, from the options alone
    /// (a host's chat clients are not seen here; <c>RpmRuntime.StageModels</c> has those).
    /// </summary>
    public static IReadOnlyList<StageModel> Describe(RpmChatOptions chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return RpmStage.All.Select(stage => ModelOf(chat, stage)).ToList();
    }

    /// <summary>True when <paramref name="stage"/> reaches another model or server than <c>Rpm:Chat</c> (model, provider, endpoint or key).</summary>
    public static bool HasOwnModel(RpmChatOptions chat, string stage)
    {
        var merged = For(chat, stage);
        return !string.Equals(merged.Model, chat.Model, StringComparison.Ordinal)
            || merged.Provider != chat.Provider
            || merged.Endpoint != chat.Endpoint
            || !string.Equals(merged.ApiKey, chat.ApiKey, StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="stage"/>'s client differs from the shared one in any way (its model, or how it is called).</summary>
    public static bool HasOwnClient(RpmChatOptions chat, string stage)
    {
        var merged = For(chat, stage);
        return HasOwnModel(chat, stage) || merged.StructuredOutput != chat.StructuredOutput || merged.MaxConcurrency != chat.MaxConcurrency;
    }

    private static RpmStageChatOptions? Own(RpmChatOptions chat, string stage) =>
        chat.Stages.FirstOrDefault(s => string.Equals(s.Key, stage, StringComparison.OrdinalIgnoreCase)).Value;
}
