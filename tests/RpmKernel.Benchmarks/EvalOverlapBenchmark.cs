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

    public string Description => $"rpmk eval of {Users} LaMP-2 users, methods {string.Join(", ", s_methods)}, {s_latency.TotalMilliseconds:F0} ms model latency, median of {Runs} runs after a warm-up run";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        host.Server.Respond(ItemExtractionReplies.Answer);
        var questions = host.File("lamp2_questions.json");
        LampQuestionsWriter.Write(questions, Users, seed: 7);
        using var embeddings = new MiniLmEmbeddingGenerator();

        await EvaluateAsync(host, questions, "warm-up", embeddings, cancellationToken);
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
        for (var run = 1; run <= Runs; run++)
        {
            replies.Clear();
            var started = Stopwatch.GetTimestamp();
            times.Add(await EvaluateAsync(host, questions, $"run-{run}", embeddings, cancellationToken));
            lastReplies.Add(replies.Max(r => Stopwatch.GetElapsedTime(started, r.At).TotalMilliseconds));
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
                F($"ideal: one user's longer lane, 3 ingest waves + 2 rpm calls = 5 × {s_latency.TotalMilliseconds:F0} ms; zero-shot and rag-bm25 (2 calls) answer beside it; {Users} users at once"),
                "replies in the last run (after the latency), by prompt: " + lanes,
                "whole run (model calls, scoring, report.md, report.json, chart.png): " + string.Join(", ", times.Select(t => F($"{t:F0} ms"))),
                "last model reply per run: " + string.Join(", ", lastReplies.Select(t => F($"{t:F0} ms"))),
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
