namespace RpmKernel.Benchmarks;

/// <summary>One benchmark with a target it reports as met or missed.</summary>
internal interface IBenchmark
{
    /// <summary>The command-line name.</summary>
    string Name { get; }

    /// <summary>What is measured, in one line.</summary>
    string Description { get; }

    Task<BenchmarkOutcome> RunAsync(CancellationToken cancellationToken);
}
