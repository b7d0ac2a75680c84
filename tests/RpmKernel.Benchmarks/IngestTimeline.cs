using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// When each model call of one ingest reached the server and when its reply went out (after the
/// injected latency), so the time beyond the waves can be split into: the server replying late, a freed
/// concurrency slot waiting for its next request, the gap between dependent stages, and the tail after
/// the last reply.
/// </summary>
internal sealed class IngestTimeline
{
    private static readonly string[] s_stages = ["extracted_features", "user_factors", "reasoning_paths"];
    private readonly ConcurrentQueue<(string Stage, long Received, long Replied)> _calls = new();
    private readonly ConcurrentQueue<(long Pending, int Threads)> _pool = new();
    private readonly ConcurrentQueue<(int Slot, int Texts, long Started, long Finished)> _embeddings = new();
    private long _started;

    /// <summary>Forgets the calls so far and starts the clock of a new ingest.</summary>
    public void Start()
    {
        _calls.Clear();
        _pool.Clear();
        _embeddings.Clear();
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>A responder that notes the reply and passes (returns null).</summary>
    public string? Replied(RecordedRequest request)
    {
        _calls.Enqueue((request.SchemaName() ?? "?", request.ReceivedAt, Stopwatch.GetTimestamp()));
        _pool.Enqueue((ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount));
        return null;
    }

    /// <summary>Notes one local model call: its worker slot, texts and when it started and finished (stopwatch timestamps).</summary>
    public void Embedded(int slot, int texts, long started, long finished) => _embeddings.Enqueue((slot, texts, started, finished));

    /// <summary>The split of one ingest that ended <paramref name="ended"/> ms after <see cref="Start"/>.</summary>
    public IReadOnlyList<string> Describe(double ended, TimeSpan latency, int concurrency)
    {
        var calls = _calls.Select(c => (c.Stage, Received: Ms(c.Received), Replied: Ms(c.Replied))).ToList();
        var lines = new List<string>();
        double? previousReply = null;
        var late = calls.Select(c => c.Replied - c.Received - latency.TotalMilliseconds).ToList();
        var handOvers = new List<double>();
        var gaps = new List<string>();
        foreach (var stage in s_stages)
        {
            var mine = calls.Where(c => c.Stage == stage).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var sent = mine.Select(c => c.Received).Order().ToList();
            var replied = mine.Select(c => c.Replied).Order().ToList();

            // A slot freed by a reply takes the next queued request of the same stage (the semaphore is first in, first out).
            for (var j = 0; j + concurrency < sent.Count; j++)
            {
                handOvers.Add(sent[j + concurrency] - replied[j]);
            }

            if (previousReply is { } before)
            {
                gaps.Add(F($"{sent[0] - before:F0} ms before {stage}"));
            }

            lines.Add(F($"{stage}: {mine.Count} calls sent {sent[0]:F0}–{sent[^1]:F0} ms, replies {replied[0]:F0}–{replied[^1]:F0} ms"));
            previousReply = replied[^1];
        }

        if (late.Count > 0)
        {
            lines.Add(F($"server replies beyond the {latency.TotalMilliseconds:F0} ms latency: {Percentiles.Describe(late)}"));
        }

        if (handOvers.Count > 0)
        {
            lines.Add(F($"a freed slot's next request of the same stage arrived after: {Percentiles.Describe(handOvers)}"));
        }

        if (!_pool.IsEmpty)
        {
            lines.Add(F($"thread pool at the replies: up to {_pool.Max(p => p.Pending)} work items queued (median {Percentiles.Of(_pool.Select(p => (double)p.Pending).ToList(), 50):F0}), {_pool.Min(p => p.Threads)}–{_pool.Max(p => p.Threads)} threads"));
        }

        if (!_embeddings.IsEmpty)
        {
            var embedded = _embeddings.Select(e => (e.Slot, e.Texts, Started: Ms(e.Started), Finished: Ms(e.Finished))).ToList();
            var lastReply = previousReply ?? 0;
            var after = embedded.Where(e => e.Finished > lastReply).ToList();
            var slots = string.Join(", ", embedded.GroupBy(e => e.Slot).OrderBy(g => g.Key).Select(g =>
                F($"slot {g.Key} {g.Count()} calls, {g.Sum(e => e.Texts)} texts, busy {g.Sum(e => e.Finished - e.Started):F0} ms")));
            lines.Add(F($"local embedding calls: {embedded.Count} ({slots}), first started {embedded.Min(e => e.Started):F0} ms, last finished {embedded.Max(e => e.Finished):F0} ms"));
            lines.Add(F($"embedding at the last reply ({lastReply:F0} ms): {after.Sum(e => e.Texts)} texts in {after.Count} calls finished after it, the last at {(after.Count == 0 ? lastReply : after.Max(e => e.Finished)):F0} ms"));
        }

        gaps.Add(F($"{ended - (previousReply ?? 0):F0} ms after the last reply to the end of the ingest"));
        lines.Add("between stages: " + string.Join("; ", gaps));
        return lines;
    }

    private double Ms(long timestamp) => Stopwatch.GetElapsedTime(_started, timestamp).TotalMilliseconds;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
