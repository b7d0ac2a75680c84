using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Telemetry;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Accounts for every stage call: the operation's <see cref="UsageLedger"/>, the "Rpm" meter, and
/// one <see cref="UsageRow"/> per call (or cache hit) in the usage store, written as the call ends
/// (rows of calls that end together in one write, <see cref="UsageRowWriter"/>);
/// each row names the model of its own stage, so it is priced at that model's price.
/// </summary>
internal sealed class StageCallRecorder
{
    private readonly UsageRowWriter? _store;
    private readonly StageChatMap _models;
    private readonly TimeProvider _time;

    public StageCallRecorder(IUsageStore? store, StageChatMap models, TimeProvider time)
    {
        _store = store is null ? null : new UsageRowWriter(store);
        _models = models;
        _time = time;
    }

    /// <summary>A model call: its tokens, <paramref name="cachedInputTokens"/> of the input read from the provider's prompt cache.</summary>
    public Task RecordCallAsync(StageCall call, long inputTokens, long outputTokens, long cachedInputTokens, TimeSpan latency)
    {
        var (prompt, ledger) = (call.Prompt, call.Ledger);
        var stage = RpmTelemetry.Stage(prompt.Stage);
        ledger.Record(prompt.Stage, inputTokens, outputTokens);
        RpmTelemetry.Calls.Add(1, stage);
        RpmTelemetry.InputTokens.Add(inputTokens, stage);
        RpmTelemetry.OutputTokens.Add(outputTokens, stage);
        var batch = call.ViaBatchApi;
        call.ViaBatchApi = false;
        return AppendAsync(prompt, ledger, inputTokens, outputTokens, latency, cacheHit: false, failed: false, batch, Math.Min(cachedInputTokens, inputTokens));
    }

    /// <summary>A call that failed after its HTTP retries: a row with no tokens, so the ledger still shows it was made.</summary>
    public Task RecordFailedCallAsync(StageCall call, TimeSpan latency)
        => AppendAsync(call.Prompt, call.Ledger, 0, 0, latency, cacheHit: false, failed: true);

    public Task RecordCacheHitAsync(StageCall call, CachedResponse hit, TimeSpan latency)
    {
        RpmTelemetry.CacheHits.Add(1, RpmTelemetry.Stage(call.Prompt.Stage));
        call.Ledger.RecordCacheHit(call.Prompt.Stage);
        return AppendAsync(call.Prompt, call.Ledger, hit.InputTokens, hit.OutputTokens, latency, cacheHit: true, failed: false);
    }

    // A call that was paid for is written down even when the operation is being cancelled.
    // The row is made now (its id and time are the call's end); the ledger decides where its write runs.
    private Task AppendAsync(PromptFile prompt, UsageLedger ledger, long inputTokens, long outputTokens, TimeSpan latency, bool cacheHit, bool failed, bool batch = false, long promptCacheTokens = 0)
    {
        if (_store is not { } store || ledger.Context is not { } context)
        {
            return Task.CompletedTask;
        }

        var row = new UsageRow
        {
            Id = Guid.CreateVersion7(_time.GetUtcNow()),
            UserId = context.UserId,
            Task = context.Task,
            Stage = prompt.Stage,
            PromptVersion = prompt.Version,
            Model = _models.ModelId(prompt.Stage),
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            PromptCacheTokens = promptCacheTokens,
            LatencyMs = latency.TotalMilliseconds,
            CacheHit = cacheHit,
            Failed = failed,
            Batch = batch,
            At = _time.GetUtcNow(),
        };
        return ledger.Write(() => store.AppendAsync(row));
    }
}
