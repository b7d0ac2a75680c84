using System.Collections.Concurrent;
using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Counts the model calls and tokens of one operation, per stage; safe to share across parallel calls.
/// With a <see cref="StageCallContext"/>, the stage calls of the operation are also written to the
/// usage store and answered from the response cache. A ledger that writes behind
/// (<see cref="WritingBehind"/>) lets those writes (usage rows, cached answers) run while the
/// operation goes on, and its operation awaits them all before it returns (<see cref="WhenWrittenAsync"/>).
/// </summary>
internal sealed class UsageLedger
{
    private readonly ConcurrentDictionary<string, TokenUsage> _byStage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _cacheHits = new(StringComparer.Ordinal);
    private readonly List<Task>? _pending;
    private volatile bool _overlapping;

    /// <summary>Creates a ledger; <paramref name="context"/> names the user and task the calls are for.</summary>
    public UsageLedger(StageCallContext? context = null)
        : this(context, writeBehind: false)
    {
    }

    private UsageLedger(StageCallContext? context, bool writeBehind)
    {
        Context = context;
        _pending = writeBehind ? [] : null;
        _overlapping = writeBehind;
    }

    /// <summary>
    /// A ledger whose stage calls do not wait for their own writes: an operation of several dependent
    /// calls (personalize) overlaps the first call's writes with the next steps, and must await
    /// <see cref="WhenWrittenAsync"/> before it returns, so what it wrote is stored once it is done.
    /// </summary>
    public static UsageLedger WritingBehind(StageCallContext context) => new(context, writeBehind: true);

    /// <summary>The user and task the calls are made for, or null for calls kept out of the usage store and the cache.</summary>
    public StageCallContext? Context { get; }

    /// <summary>Records one call of <paramref name="stage"/>.</summary>
    public void Record(string stage, long inputTokens, long outputTokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        var call = new TokenUsage(1, inputTokens, outputTokens);
        _byStage.AddOrUpdate(stage, call, (_, sum) => sum + call);
    }

    /// <summary>Usage per stage.</summary>
    public IReadOnlyDictionary<string, TokenUsage> ByStage => new Dictionary<string, TokenUsage>(_byStage, StringComparer.Ordinal);

    /// <summary>Usage of all stages.</summary>
    public TokenUsage Total => _byStage.Values.Aggregate(TokenUsage.None, (sum, u) => sum + u);

    /// <summary>Notes that a call of <paramref name="stage"/> was answered by the response cache.</summary>
    public void RecordCacheHit(string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        _cacheHits.AddOrUpdate(stage, 1, (_, n) => n + 1);
    }

    /// <summary>How many calls of <paramref name="stage"/> the response cache answered.</summary>
    public int CacheHits(string stage) => _cacheHits.GetValueOrDefault(stage);

    /// <summary>
    /// What a stage call awaits for a write of its operation: the write itself, or, when this ledger
    /// writes behind, nothing now (the write is awaited by <see cref="WhenWrittenAsync"/>).
    /// </summary>
    public Task Track(Task write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_pending is null || write.IsCompletedSuccessfully)
        {
            return write;
        }

        lock (_pending)
        {
            _pending.Add(write);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts <paramref name="write"/> and returns what the stage call awaits for it (see <see cref="Track"/>).
    /// A write-behind ledger starts it on the thread pool: a store write runs synchronously up to its first
    /// real wait (SQLite's commands all do), so started inline it would hold the call for all of its work,
    /// while on the pool it runs beside the operation's next steps. Any other ledger, and a write-behind one
    /// after <see cref="StopOverlapping"/>, runs it inline.
    /// </summary>
    public Task Write(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Track(_overlapping ? Task.Run(write) : write());
    }

    /// <summary>
    /// Says the operation's remaining steps leave nothing for their writes to run beside (its last stage call,
    /// whose writes the operation awaits next): from now on <see cref="Write"/> starts them inline, sparing
    /// the hand-off to the thread pool. They are still tracked, and awaited by <see cref="WhenWrittenAsync"/>.
    /// </summary>
    public void StopOverlapping() => _overlapping = false;

    /// <summary>True when writes tracked by this write-behind ledger may still be under way.</summary>
    public bool HasPendingWrites
    {
        get
        {
            if (_pending is null)
            {
                return false;
            }

            lock (_pending)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>Completes once every write tracked so far is stored; fails with the first write's failure, if any.</summary>
    public async Task WhenWrittenAsync()
    {
        if (_pending is null)
        {
            return;
        }

        Task[] writes;
        lock (_pending)
        {
            writes = [.. _pending];
            _pending.Clear();
        }

        foreach (var write in writes)
        {
            await write.ConfigureAwait(false);
        }
    }
}
