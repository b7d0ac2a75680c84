using System.Diagnostics;
using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.ChatClients;

/// <summary>
/// Accounts for every model call a stage makes: its tokens (read provider-neutrally), latency and
/// outcome go to the operation's ledger, the "Rpm" meter and the usage store, as the call ends.
/// </summary>
internal sealed class UsageRecordingChatClient : DelegatingChatClient
{
    private readonly StageCallRecorder _recorder;

    public UsageRecordingChatClient(IChatClient inner, StageCallRecorder recorder)
        : base(inner)
    {
        _recorder = recorder;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (StageCall.Current is not { } call)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var watch = Stopwatch.StartNew();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await _recorder.RecordFailedCallAsync(call, watch.Elapsed).ConfigureAwait(false);
            throw;
        }

        var (input, output) = TokenUsageReader.Read(response);
        call.InputTokens += input;
        call.OutputTokens += output;
        await _recorder.RecordCallAsync(call, input, output, TokenUsageReader.ReadCachedInput(response), watch.Elapsed).ConfigureAwait(false);
        return response;
    }
}
