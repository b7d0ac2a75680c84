namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Tests that read the process-wide "Rpm" meter and activity source run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
