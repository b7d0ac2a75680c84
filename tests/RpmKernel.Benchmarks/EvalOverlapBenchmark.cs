using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RpmKernel.Embeddings.Local;
using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Benchmarks;

/// <summary>
/// <c>rpmk eval</c> of 4 LaMP-2 users (2–20 history items, one target each) with zero-shot, rag-bm25 and rpm at
/// 200 ms model latency, against the ideal of one user's longer lane: the ingest's three dependent waves and
/// rpm's two calls (5 × 200 ms), the baselines' two calls running beside them. Methods one after another after
/// the ingest would take 7 dependent calls.
/// </summary>
internal sealed class EvalOverlapBenchmark : IBenchmark
{
    private const int Users = 4;
    private const int Runs = 3;
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(200);
    private static readonly string[] s_methods = [MethodCatalog.ZeroShot, MethodCatalog.RagBm25, MethodCatalog.Rpm];

    public string Name => "eval";

    public string Description => $"rpmk eval of {Users} LaMP-2 users, methods {string.Join(", ", s_methods)}, {s_latency.TotalMilliseconds:F0} ms model latency, median of {Runs} runs after warm-up runs until the JIT settled";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        host.Server.Respond(ItemExtractionReplies.Answer);
        var questions = host.File("lamp2_questions.json");
        LampQuestionsWriter.Write(questions, Users, seed: 7);
        using var embeddings = new MiniLmEmbeddingGenerator();

        // Warm-up runs (each into a folder of its own, as eval resumes from its folder) until the runtime's JIT has settled.
        var warmUp = await JitSettling.WarmUpAsync(run => EvaluateAsync(host, questions, $"warm-up-{run}", embeddings, cancellationToken), maxRuns: 5);
        host.Server.Latency = s_latency;
        var replies = new ConcurrentQueue<(string Schema, long At)>();
        host.Server.Respond(r =>
        {
            replies.Enqueue((r.SchemaName() ?? "?", Stopwatch.GetTimestamp()));
            return null;
        });
        var times = new List<double>();
        var lastReplies = new List<double>();
        var lanes = "";
        // When each user's ingest ended (the product's rpm.ingest spans), and what the local model was asked to embed.
        var ingestEnds = new ConcurrentQueue<DateTime>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Rpm",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = a =>
            {
                if (a.OperationName == "rpm.ingest")
                {
                    ingestEnds.Enqueue(a.StartTimeUtc + a.Duration);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var ingestLines = new List<string>();
        var embeddedTexts = new ConcurrentQueue<int>();
        embeddings.CallObserver = (_, texts, _, _) => embeddedTexts.Enqueue(texts);
        for (var run = 1; run <= Runs; run++)
        {
            replies.Clear();
            ingestEnds.Clear();
            embeddedTexts.Clear();
            var startedUtc = DateTime.UtcNow;
            var started = Stopwatch.GetTimestamp();
            times.Add(await EvaluateAsync(host, questions, $"run-{run}", embeddings, cancellationToken));
            lastReplies.Add(replies.Max(r => Stopwatch.GetElapsedTime(started, r.At).TotalMilliseconds));
            ingestLines =
            [
                "the users' ingests ended in the last run at: " + string.Join(", ", ingestEnds.Select(end => (end - startedUtc).TotalMilliseconds).Order().Select(t => F($"{t:F0} ms"))),
                F($"local embedding calls in the last run: {embeddedTexts.Count}, {embeddedTexts.Sum()} texts (the same users every run, so the warm-up left their feature texts in the embedding cache)"),
            ];
            lanes = string.Join(", ", replies.GroupBy(r => r.Schema).OrderBy(g => g.Min(r => r.At)).Select(g =>
                $"{g.Key} {g.Count()} ({Stopwatch.GetElapsedTime(started, g.Min(r => r.At)).TotalMilliseconds:F0}–{Stopwatch.GetElapsedTime(started, g.Max(r => r.At)).TotalMilliseconds:F0} ms)"));
        }

        var ideal = 5 * s_latency.TotalMilliseconds;
        var oneAfterAnother = 7 * s_latency.TotalMilliseconds;
        var lastReply = Percentiles.Of(lastReplies, 50);
        var ratio = lastReply / ideal;
        return new BenchmarkOutcome(
            Name,
            "last model reply ≤ 1.15 × ideal",
            F($"last reply at {lastReply:F0} ms = {ratio:F2} × ideal {ideal:F0} ms (methods after the ingest: {oneAfterAnother:F0} ms)"),
            ratio <= 1.15,
            [
                warmUp,
                F($"ideal: one user's longer lane, 3 ingest waves + 2 rpm calls = 5 × {s_latency.TotalMilliseconds:F0} ms; zero-shot and rag-bm25 (2 calls) answer beside it; {Users} users at once"),
                "replies in the last run (after the latency), by prompt: " + lanes,
                "whole run (model calls, scoring, report.md, report.json, chart.png): " + string.Join(", ", times.Select(t => F($"{t:F0} ms"))),
                "last model reply per run: " + string.Join(", ", lastReplies.Select(t => F($"{t:F0} ms"))),
                .. ingestLines,
            ]);
    }

    private static async Task<double> EvaluateAsync(BenchHost host, string questions, string folder, MiniLmEmbeddingGenerator embeddings, CancellationToken cancellationToken)
    {
        var rpm = new RpmOptions();
        rpm.Chat.Endpoint = host.Server.Endpoint;
        rpm.Chat.ApiKey = "bench-key";
        rpm.Chat.MaxConcurrency = 16;
        rpm.Embeddings.Provider = EmbeddingProvider.Local;
        var options = new EvalOptions
        {
            Task = "lamp2",
            Questions = questions,
            Methods = s_methods,
            OutputDirectory = host.File(folder),
            Concurrency = Users,
            Resamples = 1_000,
        };
        var clock = Stopwatch.StartNew();
        var report = await EvalRunner.RunAsync(rpm, options, embeddings: embeddings, cancellationToken: cancellationToken);
        if (report.Methods.Any(m => m.Failed > 0 || m.Predictions != Users))
        {
            throw new InvalidOperationException("The eval benchmark expects every method to answer every user: " + string.Join("; ", report.Methods.Select(m => $"{m.Method} {m.Predictions} answered, {m.Failed} failed ({m.FirstError})")));
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
