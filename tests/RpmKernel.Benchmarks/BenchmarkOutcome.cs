namespace RpmKernel.Benchmarks;

/// <summary>What a benchmark measured against its target, plus the figures behind it.</summary>
/// <param name="Name">The benchmark's command-line name.</param>
/// <param name="Target">The target in words, such as "p50 ≤ 15 ms".</param>
/// <param name="Measured">The headline figure.</param>
/// <param name="Met">Whether the headline figure meets the target.</param>
/// <param name="Details">Further figures, one per line.</param>
internal sealed record BenchmarkOutcome(string Name, string Target, string Measured, bool Met, IReadOnlyList<string> Details);
