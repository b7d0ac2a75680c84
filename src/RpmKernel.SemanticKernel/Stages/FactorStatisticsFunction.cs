using System.ComponentModel;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Stage 3 as a native kernel function: factor statistics computed in code, no model call.</summary>
internal static class FactorStatisticsFunction
{
    /// <summary>The kernel function name.</summary>
    public const string Name = "compute_factor_statistics";

    /// <summary>
    /// Computes coverage, propensity, mean score and lift, or influence and polarity, with evidence counts. Given
    /// <paramref name="tally"/> (a discrete task's counts over the whole history), the statistics are read from it
    /// and <paramref name="items"/> are only the newest; else they are computed over <paramref name="items"/>.
    /// </summary>
    [KernelFunction(Name)]
    [Description("Computes each user factor's statistics over the user's history (DESIGN.md §1.3).")]
    public static IReadOnlyList<FactorStatistics> Compute(
        [Description("The task profile")] TaskProfile task,
        [Description("The history items")] IReadOnlyList<HistoryItem> items,
        [Description("Features per item id")] IReadOnlyDictionary<string, IReadOnlyList<Feature>> features,
        [Description("The canonical factors")] IReadOnlyList<Factor> factors,
        [Description("The counts of a discrete task's statistics over the whole history, when kept")] FactorTally? tally = null) =>
        tally is not null ? TallyStatistics.Of(task, tally) : FactorStatisticsCalculator.Compute(task, items, features, factors);
}
