using System.Runtime.ExceptionServices;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// Runs the two lanes of one user's evaluation side by side (the baselines, and the ingest followed by
/// the RPM methods). When one lane fails the other is cancelled, and the first failure is what the
/// caller sees, not the cancellation it caused.
/// </summary>
internal static class UserLanes
{
    public static async Task RunAsync(Func<CancellationToken, Task> first, Func<CancellationToken, Task> second, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;

        async Task LaneAsync(Func<CancellationToken, Task> lane)
        {
            try
            {
                await lane(stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var lanes = new[] { LaneAsync(first), LaneAsync(second) };
        await Task.WhenAll(lanes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        failure?.Throw();
    }
}
