using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// Streams a generated LaMP-2 questions file of 100,000 entries through a loader in a child process
/// and reads the child's peak working set. The loader is <see cref="ReadAsync"/>.
/// </summary>
internal sealed class LampStreamBenchmark : IBenchmark
{
    /// <summary>The hidden command the child process runs.</summary>
    public const string ChildCommand = "lamp-child";

    private const int Entries = 100_000;
    private const double MaxPeakMiB = 400;

    public string Name => "lamp";

    public string Description => $"stream a generated LaMP-2 file of {Entries:N0} entries through the loader (child process), peak working set";

    /// <summary>The loader under test (the evaluation's streaming LaMP reader and task mapping, as <c>rpmk ingest --format lamp</c> uses them); returns the items of the user.</summary>
    private static async Task<int> ReadAsync(string path, string userId, CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var entry in LampQuestionsReader.ReadAsync(path, cancellationToken: cancellationToken))
        {
            if (entry.Id == userId)
            {
                return LampTaskFields.For("lamp2").History(entry, index, path).Count;
            }

            index++;
        }

        throw new InvalidOperationException($"User '{userId}' is not in '{path}'.");
    }

    public async Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory();
        var path = directory.File("lamp2_questions.json");
        var clock = Stopwatch.StartNew();
        var lastUser = LampQuestionsWriter.Write(path, Entries, seed: 2);
        var written = clock.Elapsed;
        var child = await RunChildProcessAsync(path, lastUser, cancellationToken);
        var peakMiB = child.GetProperty("peakWorkingSet").GetInt64() / 1048576.0;
        return new BenchmarkOutcome(
            Name,
            string.Create(CultureInfo.InvariantCulture, $"peak working set < {MaxPeakMiB} MB"),
            string.Create(CultureInfo.InvariantCulture, $"{peakMiB:F0} MiB"),
            peakMiB < MaxPeakMiB,
            [
                $"file: {new FileInfo(path).Length / 1048576.0:F0} MiB, {Entries:N0} entries, written in {written.TotalSeconds:F1} s; the loader looked for the last user ({lastUser}), so it read every entry",
                $"loader: {child.GetProperty("items").GetInt32()} items of the last user in {child.GetProperty("elapsedMs").GetDouble() / 1000:F1} s",
                $"child process: peak working set {peakMiB:F0} MiB, {child.GetProperty("allocated").GetInt64() / 1048576.0:F0} MiB allocated in total, {child.GetProperty("gen2").GetInt32()} gen-2 collections",
            ]);
    }

    /// <summary>The child's side: run the loader once and print its figures as one JSON line.</summary>
    public static async Task<int> RunChildAsync(string path, string userId)
    {
        var clock = Stopwatch.StartNew();
        var items = await ReadAsync(path, userId, CancellationToken.None);
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            items,
            elapsedMs = clock.Elapsed.TotalMilliseconds,
            peakWorkingSet = process.PeakWorkingSet64,
            allocated = GC.GetTotalAllocatedBytes(),
            gen2 = GC.CollectionCount(2),
        }));
        return 0;
    }

    private static async Task<JsonElement> RunChildProcessAsync(string path, string userId, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LampStreamBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { ChildCommand, path, userId })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the loader's child process.");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The loader's child process exited with {child.ExitCode}: {await error}");
        }

        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
