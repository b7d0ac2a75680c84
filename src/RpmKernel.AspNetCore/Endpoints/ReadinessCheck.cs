namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>One check of <c>/readyz</c>.</summary>
/// <param name="Name">What was checked: <c>store</c> or <c>model</c>.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Detail">What was seen (no secrets, no addresses).</param>
internal sealed record ReadinessCheck(string Name, bool Ok, string Detail);
