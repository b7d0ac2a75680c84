using System.Globalization;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Storage.Tests.Qdrant.Simulation;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// 1, 2 and 4 <c>rpmk serve</c> processes of the built tool over one SQLite file, then over one simulated Qdrant, with the in-process model server
/// at 0 ms and 300 ms per chat call, driven over loopback by a bounded load generator of personalize calls
/// (8 in flight; also 32 at 300 ms) round-robin over the processes: requests per second and the p50/p99 overhead beyond the model-latency floor
/// (the same model calls replayed straight against the model server in the same run, as many chains as requests),
/// and a count of responses holding another tenant's or user's items (must be 0).
/// </summary>
internal sealed class ScaleOutBenchmark : IBenchmark
{
    private const int ItemsPerUser = 16;
    private const int WarmUpInFlight = 8;
    private const int WarmUpPerProcess = 16;
    private static readonly string[] s_tenants = ["acme", "globex", "initech"];
    private static readonly string[] s_users = ["u0", "u1", "u2", "u3"];
    private static readonly int[] s_processCounts = [1, 2, 4];
    private static readonly (int LatencyMs, int Requests, int InFlight)[] s_loads = [(0, 200, 8), (300, 96, 8), (300, 192, 32)];

    public string Name => "scale-out";

    public string Description =>
        $"1, 2, 4 rpmk serve processes over one SQLite file and over one simulated Qdrant; 8 personalize calls in flight at 0 and 300 ms model latency and 32 at 300 ms, round-robin; {s_tenants.Length} tenants × {s_users.Length} users of {ItemsPerUser} items";

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var tool = ToolRun.ToolPath();
        await using var host = await BenchHost.StartAsync(cancellationToken);
        await using var qdrant = await SimulatedQdrantServer.StartAsync("1.17.0");
        var callers = s_tenants.SelectMany(t => s_users.Select(u => new ScaleOutLoad.Caller(t, $"bench-{t}-key-0123456789", u))).ToList();
        using var work = new TempDirectory();
        using var client = ScaleOutLoad.NoDelayClient();
        var rows = new List<Row>();
        var probes = new List<ScaleOutLoad.Call>();
        foreach (var store in new[] { StoreShape.Sqlite(host.File("scale-out.db")), StoreShape.Qdrant(qdrant.Endpoint, "rpm_scale_out") })
        {
            await IngestAsync(host, store, callers, cancellationToken);
            var environment = Environment(host, store);
            foreach (var processes in s_processCounts)
            {
                rows.AddRange(await MeasureAsync(tool, work.Path, environment, host, client, store.Name, processes, callers, probes, cancellationToken));
            }
        }

        var failed = rows.Sum(r => r.Calls.Count(c => c.Status != 200));
        var foreign = rows.Sum(r => r.Calls.Sum(c => c.Foreign));
        var empty = rows.Sum(r => r.Calls.Count(c => c.Status == 200 && c.Examples == 0));
        var total = rows.Sum(r => r.Calls.Count);
        var examples = rows.Sum(r => r.Calls.Sum(c => c.Examples));
        var details = new List<string>
        {
            $"tool: {tool}",
            "| store | model latency | in flight | processes | requests | requests/s | end to end p50 / p99 | floor p50 / p99 | overhead p50 / p99 | model calls |",
            "|---|---|---|---|---|---|---|---|---|---|",
        };
        details.AddRange(rows.Select(r => r.Describe()));
        details.Add($"isolation: {total} personalize responses, {examples} retrieved examples checked, {foreign} of another tenant or user, {empty} responses without examples, {failed} not 200");
        var leaked = probes.Count(p => p.Examples > 0);
        var statuses = string.Join(", ", probes.GroupBy(p => p.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        details.Add($"cross-tenant probes (a key asking for another tenant's user as '<tenant>:<user>'): {probes.Count}, answered {statuses}; {leaked} with any example");
        details.Add($"{Timed.LoadAverage()} on {System.Environment.ProcessorCount} cores");
        var worstAt300 = rows.Where(r => r.LatencyMs == 300 && r.InFlight == 8).Select(r => r.Overhead(50)).DefaultIfEmpty(double.NaN).Max();
        return new BenchmarkOutcome(
            Name,
            "every personalize call 200 with examples, none of another tenant's or user's, no cross-tenant probe answered with examples; requests/s and overhead per process count recorded",
            string.Create(CultureInfo.InvariantCulture, $"{total} calls, {failed} failed, {foreign} foreign examples of {examples}, {leaked} of {probes.Count} cross-tenant probes answered with examples; at 300 ms and 8 in flight overhead p50 ≤ {worstAt300:F0} ms"),
            failed == 0 && foreign == 0 && empty == 0 && leaked == 0,
            details);
    }

    private static async Task<IReadOnlyList<Row>> MeasureAsync(
        string tool, string workingDirectory, IReadOnlyDictionary<string, string> environment, BenchHost host, HttpClient client,
        string store, int processes, IReadOnlyList<ScaleOutLoad.Caller> callers, List<ScaleOutLoad.Call> probes, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        var servers = await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => ServeProcess.StartAsync(tool, workingDirectory, environment, cancellationToken)));
        try
        {
            var addresses = servers.Select(s => s.Address).ToList();
            host.Server.Latency = TimeSpan.Zero;
            _ = await ScaleOutLoad.RunAsync(client, addresses, callers, WarmUpPerProcess * processes, WarmUpInFlight, $"{store} warm-up {processes}", cancellationToken);
            foreach (var (latencyMs, requests, inFlight) in s_loads)
            {
                host.Server.Latency = TimeSpan.FromMilliseconds(latencyMs);
                host.Server.ClearRequests();
                var (calls, seconds) = await ScaleOutLoad.RunAsync(client, addresses, callers, requests, inFlight, $"{store} {processes} at {latencyMs} ms, {inFlight} in flight", cancellationToken);
                var recorded = host.Server.Requests;
                var floor = await ScaleOutLoad.ReplayAsync(client, host.Server.BaseAddress, recorded, requests, inFlight, cancellationToken);
                rows.Add(new Row(store, processes, latencyMs, inFlight, calls, seconds, floor, recorded.Count));
            }

            host.Server.Latency = TimeSpan.Zero;
            probes.AddRange(await ScaleOutLoad.ProbeAsync(client, addresses, callers, cancellationToken));
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }

        return rows;
    }

    private static async Task IngestAsync(BenchHost host, StoreShape store, IReadOnlyList<ScaleOutLoad.Caller> callers, CancellationToken cancellationToken)
    {
        var runtime = host.Runtime(options =>
        {
            Embeddings(options);
            store.Configure(options);
        });
        foreach (var (caller, index) in callers.Select((c, i) => (c, i)))
        {
            var items = SyntheticHistory.Items(ItemsPerUser, seed: 100 + index, idPrefix: caller.ItemPrefix);
            var result = await runtime.Pipeline.IngestAsync($"{caller.Tenant}:{caller.UserId}", "lamp2", items, cancellationToken: cancellationToken);
            if (result.Items != ItemsPerUser)
            {
                throw new InvalidOperationException($"Ingest stored {result.Items} of {ItemsPerUser} items for {caller.Tenant}:{caller.UserId} in {store.Name}; failures: {result.Failed.Count}.");
            }
        }
    }

    private static void Embeddings(RpmOptions options)
    {
        options.Chat.MaxConcurrency = 16;
        options.Embeddings.Provider = EmbeddingProvider.OpenAI;
        options.Embeddings.Model = "text-embedding-3-small";
        options.Embeddings.Dimensions = 64;
    }

    private static Dictionary<string, string> Environment(BenchHost host, StoreShape store)
    {
        var environment = new Dictionary<string, string>(store.Environment)
        {
            ["Rpm__Chat__Endpoint"] = host.Server.Endpoint.ToString(),
            ["Rpm__Chat__MaxConcurrency"] = "16",
            ["Rpm__Embeddings__Provider"] = "OpenAI",
            ["Rpm__Embeddings__Model"] = "text-embedding-3-small",
            ["Rpm__Embeddings__Dimensions"] = "64",
            ["Rpm__Server__RateLimit__PermitsPerWindow"] = "0",
            ["OPENAI_API_KEY"] = "bench-key",
        };
        foreach (var tenant in s_tenants)
        {
            environment[$"Rpm__Server__ApiKeys__{tenant}__Key"] = $"bench-{tenant}-key-0123456789";
            environment[$"Rpm__Server__ApiKeys__{tenant}__Tenant"] = tenant;
        }

        return environment;
    }

    private sealed record Row(string Store, int Processes, int LatencyMs, int InFlight, IReadOnlyList<ScaleOutLoad.Call> Calls, double Seconds, IReadOnlyList<double> Floor, int ModelCalls)
    {
        public double Overhead(double percent) =>
            Percentiles.Of(Calls.Select(c => c.Milliseconds).ToList(), percent) - Percentiles.Of(Floor, percent);

        public string Describe()
        {
            var e2e = Calls.Select(c => c.Milliseconds).ToList();
            return string.Create(
                CultureInfo.InvariantCulture,
                $"| {Store} | {LatencyMs} ms | {InFlight} | {Processes} | {Calls.Count} | {Calls.Count / Seconds:F1} | {Percentiles.Of(e2e, 50):F0} / {Percentiles.Of(e2e, 99):F0} ms | {Percentiles.Of(Floor, 50):F0} / {Percentiles.Of(Floor, 99):F0} ms | {Overhead(50):F0} / {Overhead(99):F0} ms | {(double)ModelCalls / Calls.Count:F2} per call |");
        }
    }
}
