using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// Chooses the model each prompt stage calls: the host's client for that stage
/// (<c>UseChatClient(stage, ...)</c>), else a connector built from the stage's own settings when
/// they reach another model or server, else the shared model (the host's, or <c>Rpm:Chat</c>).
/// Stages with the same model and call settings share one client, so they share its concurrency bound.
/// </summary>
internal sealed class StageChatClients
{
    private readonly RpmChatOptions _chat;
    private readonly IChatClient? _shared;
    private readonly Dictionary<string, IChatClient?> _inner;

    private StageChatClients(RpmChatOptions chat, IChatClient? shared, Dictionary<string, IChatClient?> inner, StageChatMap map)
    {
        _chat = chat;
        _shared = shared;
        _inner = inner;
        Map = map;
    }

    /// <summary>The settings and model of each stage.</summary>
    public StageChatMap Map { get; }

    /// <summary>Whether any stage has a model, that is whether <see cref="Decorate"/> returns a client.</summary>
    public bool HasModel => _shared is not null || _inner.Values.Any(c => c is not null);

    /// <summary>
    /// Selects each stage's model. <paramref name="shared"/> is the model of stages without their own
    /// (null when none is configured); <paramref name="fromOptions"/> builds a connector from settings.
    /// </summary>
    public static StageChatClients Select(
        RpmChatOptions chat, RpmHostServices host, IChatClient? shared, Func<RpmChatOptions, IChatClient> fromOptions)
    {
        var sharedModel = shared?.GetService<ChatClientMetadata>()?.DefaultModelId ?? chat.Model;
        var sharedSource = host.ChatClient is null ? "Rpm:Chat:Model" : "the host's chat client";
        var built = new Dictionary<(ChatProvider, Uri?, string, string?), IChatClient>();
        var inner = new Dictionary<string, IChatClient?>(StringComparer.OrdinalIgnoreCase);
        var models = new List<StageModel>();
        foreach (var stage in RpmStage.All)
        {
            var settings = StageChatSettings.For(chat, stage);
            if (host.StageChatClients.TryGetValue(stage, out var given))
            {
                inner[stage] = new BorrowedChatClient(given);
                models.Add(new StageModel(stage, given.GetService<ChatClientMetadata>()?.DefaultModelId ?? settings.Model, $"UseChatClient({stage})"));
            }
            else if (StageChatSettings.HasOwnModel(chat, stage))
            {
                var source = StageChatSettings.ModelOf(chat, stage).Source;
                if (!ChatClientFactory.IsConfigured(settings) && host.ChatClient is not null)
                {
                    throw new RpmInputException(
                        $"{source} sets stage {stage} to model '{settings.Model}', but the host's chat client serves the other stages and Rpm:Chat has no Endpoint or API key to reach that model; set Rpm:Chat:Stages:{stage}:Endpoint (or Rpm:Chat:Endpoint), or give the stage its own client with UseChatClient(\"{stage}\", ...).");
                }

                var key = (settings.Provider, settings.Endpoint, settings.Model, settings.ApiKey);
                inner[stage] = !ChatClientFactory.IsConfigured(settings) ? null
                    : built.TryGetValue(key, out var same) ? same
                    : built[key] = fromOptions(settings);
                models.Add(new StageModel(stage, settings.Model, source));
            }
            else
            {
                inner[stage] = shared;
                models.Add(new StageModel(stage, sharedModel, sharedSource));
            }
        }

        return new StageChatClients(chat, shared, inner, new StageChatMap(chat, models));
    }

    /// <summary>
    /// RPM's chat client: each distinct stage client under the stage-call decorators, routed by stage;
    /// just the shared client's decorators when no stage has its own. Null when no stage has a model.
    /// </summary>
    /// <param name="recorder">Accounts for every call.</param>
    /// <param name="loggerFactory">The host's logging, for the GenAI telemetry.</param>
    /// <param name="own">Takes ownership of each client made here.</param>
    public IChatClient? Decorate(StageCallRecorder recorder, ILoggerFactory? loggerFactory, Func<IChatClient, IChatClient> own)
    {
        var decorated = new Dictionary<(IChatClient, StructuredOutputMode, int), IChatClient>();
        IChatClient? Decorated(IChatClient? inner, RpmChatOptions settings)
        {
            if (inner is null)
            {
                return null;
            }

            var key = (inner, settings.StructuredOutput, settings.MaxConcurrency);
            return decorated.TryGetValue(key, out var same) ? same : decorated[key] = own(ChatClientFactory.Decorate(inner, settings, recorder, loggerFactory));
        }

        var shared = Decorated(_shared, _chat);
        var stages = RpmStage.All.ToDictionary(s => s, s => Decorated(_inner[s], Map.Chat(s)), StringComparer.OrdinalIgnoreCase);
        if (stages.Values.All(c => ReferenceEquals(c, shared)))
        {
            return shared;
        }

        return new StageRoutingChatClient(stages, shared ?? stages[RpmStage.Generate]);
    }
}
