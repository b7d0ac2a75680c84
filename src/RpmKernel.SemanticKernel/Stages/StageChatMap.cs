using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// What each stage's calls are made with: its effective chat settings and the model id its usage
/// rows, cache keys and built records name. A prompt that is not an RPM stage (a baseline) is
/// mapped like <c>generate</c>.
/// </summary>
internal sealed class StageChatMap
{
    private readonly Dictionary<string, RpmChatOptions> _settings;
    private readonly Dictionary<string, StageModel> _models;

    /// <summary>Creates the map of <paramref name="chat"/>, with the model each stage reaches in <paramref name="models"/>.</summary>
    public StageChatMap(RpmChatOptions chat, IEnumerable<StageModel> models)
    {
        _settings = RpmStage.All.ToDictionary(s => s, s => StageChatSettings.For(chat, s), StringComparer.OrdinalIgnoreCase);
        _models = models.ToDictionary(m => m.Stage, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>One model for every stage (a standalone invoker, a test).</summary>
    public static StageChatMap Single(RpmChatOptions chat, string model) =>
        new(chat, RpmStage.All.Select(s => new StageModel(s, model, "the chat client")));

    /// <summary>Each RPM stage with its model and where that comes from, in pipeline order.</summary>
    public IReadOnlyList<StageModel> Models => RpmStage.All.Select(s => _models[s]).ToList();

    /// <summary>The settings of <paramref name="stage"/>'s calls.</summary>
    public RpmChatOptions Chat(string stage) => _settings[StageChatSettings.SettingsStage(stage)];

    /// <summary>The model id of <paramref name="stage"/>.</summary>
    public string ModelId(string stage) => _models[StageChatSettings.SettingsStage(stage)].Model;

    /// <summary>The model id of each of <paramref name="stages"/>, keyed by stage.</summary>
    public IReadOnlyDictionary<string, string> ModelIds(IEnumerable<string> stages) =>
        stages.ToDictionary(s => s, ModelId, StringComparer.Ordinal);
}
