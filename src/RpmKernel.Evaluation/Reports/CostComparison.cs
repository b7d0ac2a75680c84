namespace RpmKernel.Evaluation.Reports;

/// <summary>What each side of a comparison costs.</summary>
/// <param name="A">Variant A.</param>
/// <param name="B">Variant B.</param>
public sealed record CostComparison(VariantCost A, VariantCost B);
