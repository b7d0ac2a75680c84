using System.Globalization;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>One status reading of a submitted batch, as a progress line shows it.</summary>
/// <param name="Stage">The stage whose requests the batch holds.</param>
/// <param name="BatchId">The provider's batch id.</param>
/// <param name="Status">The provider's status (validating, in_progress, finalizing, completed, ...).</param>
/// <param name="Completed">Requests answered so far.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="PollInterval">How often the status is read.</param>
/// <param name="Resumed">True when the batch was submitted by an earlier run and this run resumed polling it.</param>
internal sealed record BatchProgress(string Stage, string BatchId, string Status, int Completed, int Total, TimeSpan PollInterval, bool Resumed)
{
    /// <summary>The line, such as <c>extract-features: batch b_123 in_progress 120/400, polling every 30 s</c>.</summary>
    public override string ToString()
    {
        var resumed = Resumed ? " (resumed)" : "";
        var every = PollInterval.TotalSeconds >= 1
            ? PollInterval.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
            : PollInterval.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
        return string.Create(CultureInfo.InvariantCulture, $"{Stage}: batch {BatchId}{resumed} {Status} {Completed}/{Total}, polling every {every}");
    }
}
