namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>What <c>forget</c> deleted.</summary>
/// <param name="Records">Reasoning records deleted.</param>
/// <param name="Models">User models deleted.</param>
/// <param name="CacheEntries">Cached model responses deleted.</param>
/// <param name="UsageRows">Usage rows deleted.</param>
public sealed record ForgetReceipt(int Records, int Models, int CacheEntries, int UsageRows);
