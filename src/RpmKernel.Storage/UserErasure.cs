namespace RpmKernel.Storage;

/// <summary>What <see cref="RpmStorage.ForgetAsync(string, string?, CancellationToken)"/> deleted.</summary>
/// <param name="Records">Reasoning records deleted (copies in an interrupted reindex's backup are deleted too, and not counted again).</param>
/// <param name="Models">User models deleted.</param>
/// <param name="CacheEntries">Cached model responses deleted.</param>
/// <param name="UsageRows">Usage rows deleted.</param>
public sealed record UserErasure(int Records, int Models, int CacheEntries, int UsageRows);
