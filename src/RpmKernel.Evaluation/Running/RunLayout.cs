namespace RpmKernel.Evaluation.Running;

/// <summary>Where one run writes: its predictions and report (<paramref name="Report"/>), and the RPM store and ingest journal it shares with runs of the same ingest settings (<paramref name="Store"/>).</summary>
internal sealed record RunLayout(string Report, string Store);
