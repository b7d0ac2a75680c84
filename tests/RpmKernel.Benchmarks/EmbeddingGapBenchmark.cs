using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Why a personalize call's query embedding (<c>rpm.embed</c>) takes longer than the same text embedded
/// alone. Each round makes one call, whose embedding runs in one of <see cref="Probe.Modes"/> in turns (as it
/// runs, after another embedding, after a pause, straight on an encoder), then embeds the call's feature text
/// alone in every setting (back to back, after a loopback HTTP request, after an idle gap, on the runtime's
/// generator, straight on an encoder), in a rotating order, so the load of a shared machine falls on all alike.
/// Each embedding is split into before the model call (cut, cache, hand-off), the model call and after it,
/// with the process CPU and the scheduler's per-thread times. <c>RPM_GAP_CALLS</c> sets the calls per mode (default 80).
/// </summary>
internal sealed class EmbeddingGapBenchmark : IBenchmark
{
    // The last model call of either generator (one embedding runs at a time here).
    private static (long Started, long Finished) s_modelCall;

    public string Name => "embed-gap";

    public string Description => "the query embedding inside PersonalizeAsync vs the same texts embedded alone in several settings (a diagnostic)";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("RPM_GAP_CALLS"), out var n) ? n : 80;
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var replies = new TargetFeatureReplies();
        host.Server.Respond(replies.Answer);
        var options = new RpmOptions();
        options.Chat.Endpoint = host.Server.Endpoint;
        options.Chat.ApiKey = "bench-key";
        options.Chat.MaxConcurrency = 16;
        options.Embeddings.Provider = EmbeddingProvider.Local;
        options.Store.Sqlite.Path = host.File("embed-gap.db");
        using var local = new MiniLmEmbeddingGenerator();
        using var probe = new Probe(local);
        using var runtime = RpmRuntime.Create(options, new RpmHostServices { Embeddings = probe });
        await SeededHistory.SeedUserAsync(runtime, "me", 500, seed: 500, cancellationToken);
        using var floor = new MiniLmEmbeddingGenerator(cacheEntries: 0);
        await floor.GenerateVectorAsync("warm up", cancellationToken: cancellationToken);
        using var encoder = MiniLmSession.CreateEncoder();
        encoder.Encode(["warm up"], cancellationToken);

        var warmUp = await JitSettling.WarmUpAsync(
            async run =>
            {
                foreach (var query in SyntheticHistory.Queries(40, seed: 9_000 + (run * 7_919)))
                {
                    await runtime.Pipeline.PersonalizeAsync("me", "lamp2", query, cancellationToken);
                }
            },
            maxRuns: 8);
        var lines = new List<string> { Show($"warm-up: {warmUp}") };

        // Each round: one call (its embedding in one of the probe's modes, in turns), then its feature text
        // embedded alone in every setting, in an order that rotates (so the load of the moment is shared).
        local.CallObserver = (_, _, started, finished) => s_modelCall = (started, finished);
        floor.CallObserver = (_, _, started, finished) => s_modelCall = (started, finished);
        probe.Direct = text => encoder.Encode([text], cancellationToken);
        foreach (var list in probe.Splits)
        {
            list.Clear();
        }

        var request = host.Server.ChatRequests.Last(r => r.SchemaName() == "target_features");
        using var http = new HttpClient { BaseAddress = host.Server.BaseAddress };
        await SendAsync(http, request, cancellationToken);
        var settings = new (string Name, MiniLmEmbeddingGenerator? Generator, Func<Task> Before)[]
        {
            ("floor back to back", floor, () => Task.CompletedTask),
            ("floor after a loopback HTTP request", floor, () => SendAsync(http, request, cancellationToken)),
            ("floor after 5 ms idle", floor, () => Task.Delay(5, cancellationToken)),
            ("runtime's generator back to back", local, () => Task.CompletedTask),
            ("encoder direct back to back", null, () => Task.CompletedTask),
            ("encoder direct after a loopback HTTP request", null, () => SendAsync(http, request, cancellationToken)),
        };
        var alone = settings.Select(_ => new List<Split>()).ToArray();
        var aloneThreads = new[] { new ThreadTimes(), new ThreadTimes() };
        var queries = SyntheticHistory.Queries(calls * Probe.Modes.Length, seed: 501);
        for (var round = 0; round < queries.Count; round++)
        {
            probe.Mode = round % Probe.Modes.Length;
            replies.FeatureTexts.Clear();
            await runtime.Pipeline.PersonalizeAsync("me", "lamp2", queries[round], cancellationToken);
            // A repeated query is answered from the response cache and its feature text from the embedding cache: nothing to compare.
            if (!replies.FeatureTexts.TryDequeue(out var featureText))
            {
                continue;
            }

            for (var k = 0; k < settings.Length; k++)
            {
                var s = (round + k) % settings.Length;
                var (_, generator, before) = settings[s];
                var text = $"{(char)('a' + s)} {featureText}";
                await before();
                var threadsBefore = s <= 1 ? ThreadTimes.Read() : null;
                var gc = GC.CollectionCount(0);
                var cpu = Environment.CpuUsage.TotalTime;
                var start = Stopwatch.GetTimestamp();
                if (generator is null)
                {
                    encoder.Encode([text], cancellationToken);
                    var end = Stopwatch.GetTimestamp();
                    alone[s].Add(new Split(start, start, end, end, GC.CollectionCount(0) - gc, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds));
                }
                else
                {
                    await generator.GenerateVectorAsync(text, cancellationToken: cancellationToken);
                    var end = Stopwatch.GetTimestamp();
                    if (threadsBefore is not null)
                    {
                        aloneThreads[s].Add(ThreadTimes.Read(), threadsBefore);
                    }

                    alone[s].Add(new Split(start, s_modelCall.Started, s_modelCall.Finished, end, GC.CollectionCount(0) - gc, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds));
                }
            }
        }

        for (var m = 0; m < Probe.Modes.Length; m++)
        {
            lines.Add(Show(Describe($"in the call, {Probe.Modes[m]}", probe.Splits[m])));
        }

        lines.Add(Show($"threads during the call's embedding: {probe.Threads}"));
        lines.Add(Show($"threads during {settings[0].Name}: {aloneThreads[0]}"));
        lines.Add(Show($"threads during {settings[1].Name}: {aloneThreads[1]}"));

        for (var s = 0; s < settings.Length; s++)
        {
            lines.Add(Show(Describe(settings[s].Name, alone[s])));
        }

        lines.Add(Show(Timed.LoadAverage()));
        return new BenchmarkOutcome(Name, "none (a diagnostic)", lines[1], true, lines);
    }

    private static string Show(string line)
    {
        Console.WriteLine("   ... " + line);
        return line;
    }

    private static string Describe(string name, List<Split> splits) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: total p50 {Percentiles.Of([.. splits.Select(s => s.Total)], 50):F2} ms (mean {splits.Average(s => s.Total):F2}), " +
        $"before the model call {Percentiles.Of([.. splits.Select(s => s.Before)], 50):F3}, model call {Percentiles.Of([.. splits.Select(s => s.Encode)], 50):F2} (p25 {Percentiles.Of([.. splits.Select(s => s.Encode)], 25):F2}), " +
        $"after {Percentiles.Of([.. splits.Select(s => s.After)], 50):F3} ms; process CPU p50 {Percentiles.Of([.. splits.Select(s => s.CpuMs)], 50):F2} ms (CPU / wall {splits.Sum(s => s.CpuMs) / splits.Sum(s => s.Total):F2}); gen-0 GCs inside {splits.Sum(s => s.Collections)} of {splits.Count}");

    private static async Task SendAsync(HttpClient client, RecordedRequest request, CancellationToken cancellationToken)
    {
        using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(request.Path.TrimStart('/'), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Stopwatch timestamps of one embedding: its start, the model call's start and end, its end.</summary>
    private readonly record struct Split(long Start, long EncodeStart, long EncodeEnd, long End, int Collections, double CpuMs)
    {
        public double Total => Ms(End - Start);

        public double Before => Ms(EncodeStart - Start);

        public double Encode => Ms(EncodeEnd - EncodeStart);

        public double After => Ms(End - EncodeEnd);

        private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>
    /// The runtime's generator as the call sees it, timing each query embedding; by <see cref="Mode"/> it first embeds
    /// another text of the same length (so the model has just run), or pauses 3 ms (so work the call left running ends).
    /// </summary>
    private sealed class Probe(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public static readonly string[] Modes = ["as it runs", "right after another text was embedded", "after a 3 ms pause", "straight on an encoder on the calling thread"];

        public Action<string>? Direct { get; set; }

        public List<Split>[] Splits { get; } = [.. Modes.Select(_ => new List<Split>())];

        public int Mode { get; set; }

        public ThreadTimes Threads { get; } = new();

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            if (texts.Count != 1)
            {
                return await base.GenerateAsync(texts, options, cancellationToken);
            }

            if (Mode == 1)
            {
                await base.GenerateAsync([new string([.. texts[0].Reverse()])], options, cancellationToken);
            }
            else if (Mode == 2)
            {
                await Task.Delay(3, cancellationToken);
            }

            var threadsBefore = Mode == 0 ? ThreadTimes.Read() : null;
            var gc = GC.CollectionCount(0);
            var cpu = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            if (Mode == 3 && Direct is { } direct)
            {
                direct(texts[0]);
                var finished = Stopwatch.GetTimestamp();
                Splits[Mode].Add(new Split(start, start, finished, finished, GC.CollectionCount(0) - gc, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds));
                return await base.GenerateAsync(texts, options, cancellationToken);
            }

            var result = await base.GenerateAsync(texts, options, cancellationToken);
            var end = Stopwatch.GetTimestamp();
            if (s_modelCall.Started < start)
            {
                return result;
            }

            if (threadsBefore is not null)
            {
                Threads.Add(ThreadTimes.Read(), threadsBefore);
            }

            Splits[Mode].Add(new Split(start, s_modelCall.Started, s_modelCall.Finished, end, GC.CollectionCount(0) - gc, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds));
            return result;
        }
    }

    /// <summary>
    /// The scheduler's per-thread times of this process (<c>/proc/self/task/*/schedstat</c>: on a CPU, and
    /// runnable but waiting for one), summed by thread name over the embeddings they were read around.
    /// </summary>
    private sealed class ThreadTimes
    {
        private readonly Dictionary<string, (double Cpu, double Wait)> _byName = [];
        private int _samples;

        public static Dictionary<string, (string Name, long Cpu, long Wait)> Read()
        {
            var threads = new Dictionary<string, (string, long, long)>();
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    threads[Path.GetFileName(task)] = (name, long.Parse(stat[0], CultureInfo.InvariantCulture), long.Parse(stat[1], CultureInfo.InvariantCulture));
                }
                catch (IOException)
                {
                    // The thread ended while it was read.
                }
            }

            return threads;
        }

        public void Add(Dictionary<string, (string Name, long Cpu, long Wait)> after, Dictionary<string, (string Name, long Cpu, long Wait)> before)
        {
            _samples++;
            foreach (var (id, (name, cpu, wait)) in after)
            {
                var (_, cpu0, wait0) = before.GetValueOrDefault(id, (name, 0, 0));
                var key = $"{name}#{id}";
                var sum = _byName.GetValueOrDefault(key);
                _byName[key] = (sum.Cpu + ((cpu - cpu0) / 1e6), sum.Wait + ((wait - wait0) / 1e6));
            }
        }

        public override string ToString() => string.Join("; ", _byName
            .Where(t => t.Value.Cpu / _samples >= 0.01 || t.Value.Wait / _samples >= 0.01)
            .OrderByDescending(t => t.Value.Cpu)
            .Take(10)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} cpu {t.Value.Cpu / _samples:F2} wait {t.Value.Wait / _samples:F2}")))
            + $" (ms per embedding, {_samples} embeddings)";
    }
}
