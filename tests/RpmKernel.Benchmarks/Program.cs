using RpmKernel.Benchmarks;

// dotnet run -c Release --project tests/RpmKernel.Benchmarks -- <personalize|ingest|tokens|lamp|observe|all>
if (args is [LampStreamBenchmark.ChildCommand, var path, var userId])
{
    return await LampStreamBenchmark.RunChildAsync(path, userId);
}

return await BenchmarkRunner.RunAsync(args);
