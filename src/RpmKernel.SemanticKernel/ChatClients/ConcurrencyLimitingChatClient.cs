using Microsoft.Extensions.AI;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>Bounds the model calls in flight at once (<c>Rpm:Chat:MaxConcurrency</c>), across every user and operation.</summary>
internal sealed class ConcurrencyLimitingChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _inFlight;

    public ConcurrencyLimitingChatClient(IChatClient inner, int maxConcurrency)
        : base(inner)
    {
        _inFlight = new SemaphoreSlim(Math.Max(1, maxConcurrency));
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A request bound for a batch waits for its whole round; holding a slot meanwhile would stall the round.
        if (Batching.BatchRound.WillPark)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inFlight.Dispose();
        }

        base.Dispose(disposing);
    }
}
