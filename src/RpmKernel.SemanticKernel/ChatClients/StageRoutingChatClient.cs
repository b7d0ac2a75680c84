using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// Sends each stage call to its own stage's chat client (per-stage models), and any other call to the
/// shared one. The clients belong to the runtime; this router disposes none of them.
/// </summary>
internal sealed class StageRoutingChatClient : IChatClient
{
    private readonly IReadOnlyDictionary<string, IChatClient?> _stages;
    private readonly IChatClient? _shared;

    /// <param name="stages">The client of each RPM stage (null: no model is configured for it).</param>
    /// <param name="shared">The client of calls made outside a stage, or null when there is none.</param>
    public StageRoutingChatClient(IReadOnlyDictionary<string, IChatClient?> stages, IChatClient? shared)
    {
        _stages = stages;
        _shared = shared;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Current().GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Current().GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _shared?.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        // The runtime owns the stage clients.
    }

    private IChatClient Current()
    {
        var client = StageCall.Current is { } call ? _stages[StageChatSettings.SettingsStage(call.Prompt.Stage)] : _shared;
        return client ?? throw new RpmInputException(ChatClientFactory.MissingModelMessage);
    }
}
