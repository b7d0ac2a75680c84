using RpmKernel.SemanticKernel.Batching;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Shows each status reading of a submitted batch on stderr
/// (<c>extract-features: batch b_123 in_progress 120/400, polling every 30 s</c>), skipping a reading
/// that says the same as the last one of its batch.
/// </summary>
internal sealed class BatchProgressLines(TextWriter stderr)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    public void Show(BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = progress.ToString();
        lock (_gate)
        {
            if (_last.TryGetValue(progress.BatchId, out var last) && last == line)
            {
                return;
            }

            _last[progress.BatchId] = line;
            stderr.WriteLine(line);
        }
    }
}
