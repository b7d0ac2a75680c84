namespace RpmKernel.Core.Factors;

/// <summary>A canonical user factor: a cluster of proposed factor labels.</summary>
/// <param name="Name">The canonical factor name.</param>
/// <param name="Description">What the factor means for this user.</param>
/// <param name="Members">The proposed factor labels merged into this factor.</param>
public sealed record Factor(string Name, string Description, IReadOnlyList<string> Members);
