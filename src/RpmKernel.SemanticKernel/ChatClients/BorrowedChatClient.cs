using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>A chat client the host owns: RPM's pipeline of decorators over it never disposes it.</summary>
internal sealed class BorrowedChatClient : IChatClient
{
    private readonly IChatClient _inner;

    public BorrowedChatClient(IChatClient inner)
    {
        _inner = inner;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The host disposes its own client.
    }
}
