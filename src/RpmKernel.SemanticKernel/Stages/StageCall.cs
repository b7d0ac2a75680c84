using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// The stage call in flight on this async flow: what the model-call pieces (the response-format,
/// usage and cache steps) need to know about the call without it passing through the host's kernel
/// arguments. <see cref="StageInvoker"/> sets it around each attempt; like M.E.AI's function
/// invocation context, it flows with the call and is null outside one.
/// </summary>
internal sealed class StageCall
{
    private static readonly AsyncLocal<StageCall?> Ambient = new();

    public StageCall(PromptFile prompt, JsonObject schema, UsageLedger ledger)
    {
        Prompt = prompt;
        Schema = schema;
        Ledger = ledger;
    }

    /// <summary>The call on this flow, or null outside a stage call.</summary>
    public static StageCall? Current => Ambient.Value;

    /// <summary>The prompt of the stage.</summary>
    public PromptFile Prompt { get; }

    /// <summary>The output schema of this call (the prompt's, refined for the batch or task).</summary>
    public JsonObject Schema { get; }

    /// <summary>The operation's ledger; its context names the user and task (null context: no cache, no usage rows).</summary>
    public UsageLedger Ledger { get; }

    /// <summary>The attempt being made, from 1; later attempts carry the repair of an invalid reply.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>False when the cache must not answer this attempt (a rebuild, a stale entry, a repair).</summary>
    public bool ReadCache { get; set; }

    /// <summary>The cache key of the first attempt's request, once rendered; the valid answer is kept under it.</summary>
    public string? CacheKey { get; set; }

    /// <summary>True when the last reply came from the cache.</summary>
    public bool AnsweredFromCache { get; set; }

    /// <summary>True when the last reply came through the Batch API (set by its transport, read and cleared by the usage recorder).</summary>
    public bool ViaBatchApi { get; set; }

    /// <summary>Tokens spent across the attempts so far (what a cached answer cost to obtain).</summary>
    public long InputTokens { get; set; }

    /// <summary>Output tokens spent across the attempts so far.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Makes this the current call until the returned scope is disposed.</summary>
    public Scope Enter() => new(this);

    /// <summary>Restores the previous call when disposed.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly StageCall? _previous;

        public Scope(StageCall call)
        {
            _previous = Ambient.Value;
            Ambient.Value = call;
        }

        public void Dispose() => Ambient.Value = _previous;
    }
}
