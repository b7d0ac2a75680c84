using System.Globalization;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.Cli.Output;

/// <summary>
/// Shows model-call retries on stderr, so a wait on a busy or down server is visible:
/// <c>retrying extract-features in 2.1 s (HTTP 429, attempt 2 of 5)</c>, at most one line a second.
/// </summary>
internal sealed class RetryNotices(TextWriter stderr, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private long? _lastShown;

    public void Show(ModelRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_lastShown is { } last && time.GetElapsedTime(last, now) < Interval)
            {
                return;
            }

            _lastShown = now;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"retrying {retry.Stage ?? "embeddings"} in {retry.Delay.TotalSeconds:0.0} s ({retry.Reason}, attempt {retry.NextAttempt} of {retry.MaxAttempts})"));
        }
    }
}
