namespace RpmKernel.Storage.Transfer;

/// <summary>What an export wrote or an import stored: one user, the tasks it covered and the counts per kind.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Tasks">The tasks of the user's data, in ordinal order.</param>
/// <param name="Records">Reasoning records (each with its feature-text embedding).</param>
/// <param name="UserModels">User models (one per task).</param>
/// <param name="UsageRows">Usage-ledger rows.</param>
/// <param name="EmbeddingModel">The embedding model of the stored vectors (after an import: of the vectors now in the target store).</param>
/// <param name="Reembedded">How many records an import embedded again because the file's embedding model is not the target's; 0 on export.</param>
public sealed record UserTransferSummary(
    string UserId,
    IReadOnlyList<string> Tasks,
    int Records,
    int UserModels,
    int UsageRows,
    string EmbeddingModel,
    int Reembedded);
