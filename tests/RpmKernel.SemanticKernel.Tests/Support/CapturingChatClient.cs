using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>A chat client that keeps every request's messages and answers "ok".</summary>
internal sealed class CapturingChatClient : IChatClient
{
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Requests { get; } = new();

    /// <summary>The messages of the only request, as (role, text).</summary>
    public IReadOnlyList<(string Role, string Text)> Single() =>
        Assert.Single(Requests).Select(m => (m.Role.Value, m.Text)).ToList();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(messages.ToList());
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("capturing", defaultModelId: "capturing") : null;

    public void Dispose()
    {
    }
}
