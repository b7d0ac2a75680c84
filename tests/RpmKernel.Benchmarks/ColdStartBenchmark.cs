using System.Globalization;
using System.Text;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Process-level start-up of the built <c>rpmk</c>: <c>rpmk explain</c> to its first line of output,
/// and one-shot <c>rpmk personalize</c> against the loopback server with a model latency per call,
/// as its time beyond the floor of the same two model calls replayed from a warm client in the same
/// run. Each a median of several runs after one unmeasured run (so the files are in the page cache).
/// </summary>
internal sealed class ColdStartBenchmark : IBenchmark
{
    private const int HistoryItems = 40;
    private const int Runs = 7;
    private const double ExplainTargetMs = 300;
    private const double PersonalizeTargetMs = 1000;
    private static readonly TimeSpan s_modelLatency = TimeSpan.FromMilliseconds(500);

    public string Name => "cold-start";

    public string Description => $"rpmk explain to first output, and one-shot rpmk personalize ({s_modelLatency.TotalMilliseconds:F0} ms per model call) beyond the floor of its two model calls; {Runs} process runs each";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var tool = ToolRun.ToolPath();

        // RPMK_TOOL_BASELINE (say the JIT build, with RPMK_TOOL the ReadyToRun one): both run in turn, so the load is shared alike.
        var baseline = ToolRun.BaselinePath();
        string[] tools = baseline is null ? [tool] : [baseline, tool];
        await using var host = await BenchHost.StartAsync(cancellationToken);
        var runtime = host.Runtime(o => o.Chat.MaxConcurrency = 16);
        var ingest = await runtime.Pipeline.IngestAsync("me", "lamp2", SyntheticHistory.Items(HistoryItems, seed: 11), cancellationToken: cancellationToken);
        if (ingest.Items != HistoryItems)
        {
            throw new InvalidOperationException($"Ingest stored {ingest.Items} of {HistoryItems} items; failures: {ingest.Failed.Count}.");
        }

        using var work = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Rpm__Store__Sqlite__Path"] = Path.GetFullPath(runtime.Options.Store.Sqlite.Path),
            ["Rpm__Chat__Endpoint"] = host.Server.Endpoint.ToString(),
            ["Rpm__Embeddings__Provider"] = "Local",
            ["OPENAI_API_KEY"] = "bench-key",
        };

        var explain = tools.ToDictionary(t => t, _ => new List<ToolRun>());
        for (var i = 0; i <= Runs; i++)
        {
            foreach (var each in tools)
            {
                var run = await ToolRun.StartAsync(each, ["explain", "--user", "me", "--task", "lamp2"], work.Path, environment, cancellationToken);
                Check(run, "explain");
                if (i > 0)
                {
                    explain[each].Add(run);
                }
            }
        }

        host.Server.Latency = s_modelLatency;
        using var client = new HttpClient { BaseAddress = host.Server.BaseAddress };
        // A query of its own for every run of every tool: a repeated query would be answered by the response cache.
        var queries = SyntheticHistory.Queries((Runs + 1) * tools.Length, seed: 12);
        var personalize = tools.ToDictionary(t => t, _ => new List<(ToolRun Run, double Floor, double Server)>());
        for (var i = 0; i <= Runs; i++)
        {
            for (var t = 0; t < tools.Length; t++)
            {
                var each = tools[t];
                host.Server.ClearRequests();
                var serverBefore = host.Server.HandlingTime;
                var run = await ToolRun.StartAsync(each, ["personalize", "--user", "me", "--task", "lamp2", "--query", queries[(i * tools.Length) + t], "--json"], work.Path, environment, cancellationToken);
                Check(run, "personalize");
                var server = (host.Server.HandlingTime - serverBefore).TotalMilliseconds;
                var calls = host.Server.ChatRequests;
                if (calls.Count != 2)
                {
                    throw new InvalidOperationException($"One-shot personalize made {calls.Count} model calls, not 2; the floor would not match.");
                }

                // The floor: the same two requests, one after the other, from a client whose connection is open.
                await ReplayAsync(client, calls, cancellationToken);
                var floor = await ReplayAsync(client, calls, cancellationToken);
                if (i > 0)
                {
                    personalize[each].Add((run, floor, server));
                }
            }
        }

        var explainFirst = Percentiles.Of(explain[tool].Select(r => r.FirstOutputMs).ToList(), 50);
        var beyondFloor = Percentiles.Of(personalize[tool].Select(p => p.Run.ExitMs - p.Floor).ToList(), 50);
        var floorP50 = Percentiles.Of(personalize[tool].Select(p => p.Floor).ToList(), 50);
        var met = explainFirst <= ExplainTargetMs && beyondFloor <= PersonalizeTargetMs;
        var lines = new List<string>();
        foreach (var each in tools)
        {
            lines.AddRange(
            [
                $"tool: {each}",
                "explain, first output:  " + Percentiles.Describe(explain[each].Select(r => r.FirstOutputMs).ToList()),
                "explain, exit:          " + Percentiles.Describe(explain[each].Select(r => r.ExitMs).ToList()),
                "explain, process CPU:   " + Percentiles.Describe(explain[each].Select(r => r.CpuMs).ToList()),
                "personalize, exit:      " + Percentiles.Describe(personalize[each].Select(p => p.Run.ExitMs).ToList()),
                "model-latency floor:    " + Percentiles.Describe(personalize[each].Select(p => p.Floor).ToList()),
                "beyond the floor:       " + Percentiles.Describe(personalize[each].Select(p => p.Run.ExitMs - p.Floor).ToList()),
                "beyond server handling: " + Percentiles.Describe(personalize[each].Select(p => p.Run.ExitMs - p.Server).ToList()),
                "personalize, process CPU: " + Percentiles.Describe(personalize[each].Select(p => p.Run.CpuMs).ToList()),
            ]);
        }

        if (baseline is not null)
        {
            string against = baseline;
            double Ratio(Func<string, IReadOnlyCollection<double>> sample) => Percentiles.Of(sample(tool), 50) / Percentiles.Of(sample(against), 50);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"RPMK_TOOL / RPMK_TOOL_BASELINE (p50): explain first output {Ratio(t => explain[t].Select(r => r.FirstOutputMs).ToList()):F2}, explain CPU {Ratio(t => explain[t].Select(r => r.CpuMs).ToList()):F2}, "
                + $"personalize beyond the floor {Ratio(t => personalize[t].Select(p => p.Run.ExitMs - p.Floor).ToList()):F2}, personalize CPU {Ratio(t => personalize[t].Select(p => p.Run.CpuMs).ToList()):F2}"));
        }

        lines.Add($"{Timed.LoadAverage()} on {Environment.ProcessorCount} cores");
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"explain first output ≤ {ExplainTargetMs} ms; personalize ≤ {PersonalizeTargetMs} ms beyond the model-latency floor"),
            string.Create(CultureInfo.InvariantCulture, $"explain {explainFirst:F0} ms; personalize {beyondFloor:F0} ms beyond a {floorP50:F0} ms floor ({(beyondFloor + floorP50) / floorP50:F2}× floor)"),
            met,
            lines);
    }

    private static void Check(ToolRun run, string command)
    {
        if (run.ExitCode != 0 || run.FirstOutputMs < 0)
        {
            throw new InvalidOperationException($"rpmk {command} exited with {run.ExitCode}: {run.Stderr}");
        }
    }

    private static async Task<double> ReplayAsync(HttpClient client, IReadOnlyList<RecordedRequest> calls, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var call in calls)
        {
            using var content = new StringContent(call.Body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(call.Path.TrimStart('/'), content, cancellationToken);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
