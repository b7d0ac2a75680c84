namespace RpmKernel.Storage.Providers;

/// <summary>The key of a stored entity with the user and task it belongs to.</summary>
internal readonly record struct ScopedKey(Guid Key, string? UserId, string? Task);
