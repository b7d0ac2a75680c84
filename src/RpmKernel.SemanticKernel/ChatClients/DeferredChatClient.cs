using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// A chat client built on its first call, so a command that never calls the model (<c>rpmk explain</c>,
/// <c>users</c>, <c>usage</c>, <c>forget</c>) does not pay for the connector, the resilient HTTP pipeline
/// and the decorators (most of what building the runtime cost <c>explain</c>). Its metadata, when
/// given, is answered without building, since the stage models are named up front.
/// </summary>
/// <remarks>
/// What the factory builds is owned by whoever gave the factory (the runtime disposes it), so disposing
/// this client disposes nothing. A factory that throws throws again on every later call.
/// </remarks>
internal sealed class DeferredChatClient : IChatClient
{
    private readonly Lazy<IChatClient> _inner;
    private readonly ChatClientMetadata? _metadata;

    /// <param name="create">Builds the client on the first call; run once, whichever thread calls first.</param>
    /// <param name="metadata">What <see cref="GetService"/> answers for <see cref="ChatClientMetadata"/> without building; null to ask the built client.</param>
    public DeferredChatClient(Func<IChatClient> create, ChatClientMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        _inner = new Lazy<IChatClient>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _metadata = metadata;
    }

    /// <summary>Whether the client has been built (by a call, or a service asked of it).</summary>
    public bool IsCreated => _inner.IsValueCreated;

    /// <summary>
    /// Starts building the client on the thread pool, so the first call finds it ready (one-shot
    /// <c>personalize</c> builds it on the other core while the store opens); does nothing once built.
    /// A failure is not lost: the first call throws it.
    /// </summary>
    public void Prepare()
    {
        if (!_inner.IsValueCreated)
        {
            _ = Task.Run(() => _inner.Value);
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(ChatClientMetadata) && _metadata is not null)
        {
            return _metadata;
        }

        return _inner.Value.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        // What the factory built belongs to the factory's owner.
    }
}
