using System.Diagnostics;
using System.Globalization;
using RpmKernel.Embeddings.Local;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The feature texts of a 200-item ingest queued at once (25 requests of 8, as an extraction wave sends them)
/// and embedded by the local model with one worker or two (each with an encoder of its own), at batch 32 and 8:
/// wall and process CPU, the cases interleaved so a change of load hits them alike. A wall ratio below 1 for two
/// workers says one call kept the cores only partly busy.
/// </summary>
internal sealed class EmbeddingWorkersBenchmark : IBenchmark
{
    private const int Items = 200;
    private const int Rounds = 3;

    public string Name => "embed-workers";

    public string Description => $"the feature texts of a {Items}-item ingest embedded by one or two workers, batch 32 and 8, {Rounds} interleaved rounds";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var texts = await LocalEmbeddingBenchmark.FeatureTextsAsync(cancellationToken, Items);
        var processors = Environment.ProcessorCount;
        var cases = new (string Name, int Workers, int Batch, Func<int, int> Threads)[]
        {
            ("1 worker, intra-op " + processors + ", batch 32", 1, 32, _ => processors),
            ("2 workers, intra-op " + processors + " + " + MiniLmSession.ExtraWorkerThreads(processors) + ", batch 32", 2, 32, slot => MiniLmSession.ThreadsOf(slot, processors)),
            ("2 workers, intra-op 1 + 1, batch 32", 2, 32, _ => 1),
            ("1 worker, intra-op " + processors + ", batch 8", 1, 8, _ => processors),
            ("2 workers, intra-op " + processors + " + " + MiniLmSession.ExtraWorkerThreads(processors) + ", batch 8", 2, 8, slot => MiniLmSession.ThreadsOf(slot, processors)),
        };
        var generators = cases.Select(c => new MiniLmEmbeddingGenerator(c.Batch, null, cacheEntries: 0, c.Workers, c.Threads)).ToList();
        try
        {
            // Loads every slot's encoder and sizes ONNX Runtime's buffers, unmeasured.
            foreach (var generator in generators)
            {
                await EmbedAsync(generator, texts, cancellationToken);
            }

            var walls = cases.Select(_ => new List<double>()).ToList();
            var cpus = cases.Select(_ => new List<double>()).ToList();
            for (var round = 0; round < Rounds; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    var clock = Stopwatch.StartNew();
                    var cpuBefore = Timed.CpuTime();
                    await EmbedAsync(generators[c], texts, cancellationToken);
                    walls[c].Add(clock.Elapsed.TotalMilliseconds);
                    cpus[c].Add((Timed.CpuTime() - cpuBefore).TotalMilliseconds);
                }
            }

            var lines = new List<string> { Timed.LoadAverage() + F($"; {texts.Count} texts, {processors} processors") };
            var baseline = Percentiles.Of(walls[0], 50);
            for (var c = 0; c < cases.Length; c++)
            {
                var wall = Percentiles.Of(walls[c], 50);
                var cpu = Percentiles.Of(cpus[c], 50);
                lines.Add(F($"{cases[c].Name}: wall {wall:F0} ms ({wall / texts.Count:F1} ms a text, {wall / baseline:F2} × one worker at batch 32), CPU {cpu:F0} ms = {cpu / wall:F2} cores busy; runs {string.Join(", ", walls[c].Select(w => F($"{w:F0}")))} ms"));
            }

            lines.Add(Timed.LoadAverage());
            var two = Percentiles.Of(walls[1], 50);
            return new BenchmarkOutcome(Name, "(measurement)", F($"{texts.Count} texts: 2 workers {two:F0} ms vs 1 worker {baseline:F0} ms wall = {two / baseline:F2} ×"), true, lines);
        }
        finally
        {
            generators.ForEach(g => g.Dispose());
        }
    }

    private static async Task EmbedAsync(MiniLmEmbeddingGenerator generator, List<string> texts, CancellationToken cancellationToken) =>
        await Task.WhenAll(texts.Chunk(8).Select(chunk => generator.GenerateAsync(chunk, cancellationToken: cancellationToken)));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
