using System.Diagnostics;
using System.Globalization;

namespace RpmKernel.Benchmarks;

/// <summary>
/// A profiling aid for the warm personalize path: many <c>PersonalizeAsync</c> calls for one user
/// of 500 records (distinct queries), printing per call the overhead beyond the server and the
/// query embedding, process CPU and allocations. <c>RPM_LOOP_CALLS</c> sets the count (default 400);
/// <c>RPM_LOOP_REMOTE=1</c> embeds on the in-process server, so a CPU profile shows the rest.
/// </summary>
internal sealed class PersonalizeLoopBenchmark : IBenchmark
{
    public string Name => "personalize-loop";

    public string Description => "a profiling loop of warm PersonalizeAsync calls at 500 records (no target)";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("RPM_LOOP_CALLS"), out var n) ? n : 400;
        var remote = Environment.GetEnvironmentVariable("RPM_LOOP_REMOTE") == "1";
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var replies = new TargetFeatureReplies();
        host.Server.Respond(replies.Answer);
        var runtime = host.Runtime(o =>
        {
            o.Chat.MaxConcurrency = 16;
            if (remote)
            {
                o.Embeddings.Provider = SemanticKernel.Options.EmbeddingProvider.OpenAI;
                o.Embeddings.Dimensions = 384;
                o.Embeddings.Model = "all-MiniLM-L6-v2";
            }
        });
        await SeededHistory.SeedUserAsync(runtime, "me", 500, seed: 500, cancellationToken);
        var queries = SyntheticHistory.Queries(calls + 20, seed: 501);
        using var spans = new SpanTimes();
        var beyond = new List<double>();
        var stages = new List<double>();
        var model = new List<double>();
        double cpu = 0;
        var all = new List<double>();
        long allocated = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var serverBefore = host.Server.HandlingTime;
            var spansBefore = spans.Now();
            var cpuBefore = Timed.CpuTime();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var clock = Stopwatch.StartNew();
            await runtime.Pipeline.PersonalizeAsync("me", "lamp2", queries[i], cancellationToken);
            clock.Stop();
            var allocatedAfter = GC.GetTotalAllocatedBytes(precise: false);
            var cpuAfter = Timed.CpuTime();
            var server = (host.Server.HandlingTime - serverBefore).TotalMilliseconds;
            var s = spans.Now() - spansBefore;
            var beyondCall = clock.Elapsed.TotalMilliseconds - server - s.Embed;
            all.Add(beyondCall);
            if (i < 20)
            {
                continue;
            }

            cpu += (cpuAfter - cpuBefore).TotalMilliseconds;
            allocated += allocatedAfter - allocatedBefore;
            beyond.Add(beyondCall);
            stages.Add(s.Stages - server);
            model.Add(s.ModelCalls - server);
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{calls} calls: beyond server and embedding p50 {Percentiles.Of(beyond, 50):F2} ms (mean {beyond.Average():F2}); stages beyond server p50 {Percentiles.Of(stages, 50):F2} ms, model calls {Percentiles.Of(model, 50):F2} ms; " +
            $"CPU {cpu / calls:F2} ms/call; {allocated / (double)calls / 1024:F0} KiB/call; {Timed.LoadAverage()}");
        Console.WriteLine("   ... " + line);
        for (var w = 0; w + 40 <= all.Count; w = w < 160 ? w + 40 : w * 2)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ... calls {w}-{w + 40}: beyond p50 {Percentiles.Of(all.GetRange(w, 40), 50):F2} ms"));
        }

        return new BenchmarkOutcome(Name, "none (a profiling aid)", line, true, [line]);
    }
}
