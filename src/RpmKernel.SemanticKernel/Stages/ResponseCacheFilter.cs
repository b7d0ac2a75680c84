using System.Diagnostics;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Answers a stage's first attempt from the response cache once its prompt is rendered, so an
/// unchanged request costs no model call; the host's filters still see the invocation and its
/// rendered prompt. Only valid answers are kept: <see cref="StageInvoker"/> stores the reply under
/// <see cref="StageCall.CacheKey"/> after it validates. Calls that are not RPM stage calls pass through.
/// </summary>
internal sealed class ResponseCacheFilter : IPromptRenderFilter
{
    private readonly ResponseCache _cache;
    private readonly StageCallRecorder _recorder;

    public ResponseCacheFilter(ResponseCache cache, StageCallRecorder recorder)
    {
        _cache = cache;
        _recorder = recorder;
    }

    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (StageCall.Current is not { Attempt: 1, Ledger.Context: { } owner } call
            || !StageFunctions.IsStage(context.Function)
            || context.RenderedPrompt is not { } rendered)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        call.CacheKey = _cache.KeyOf(call, rendered);
        if (call.ReadCache && await _cache.GetAsync(owner, call.CacheKey, context.CancellationToken).ConfigureAwait(false) is { } hit)
        {
            call.AnsweredFromCache = true;
            await _recorder.RecordCacheHitAsync(call, hit, watch.Elapsed).ConfigureAwait(false);
            context.Result = new FunctionResult(context.Function, hit.Content);
        }
    }
}
