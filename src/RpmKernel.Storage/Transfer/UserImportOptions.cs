using Microsoft.Extensions.AI;

namespace RpmKernel.Storage.Transfer;

/// <summary>How <see cref="UserExport.ImportAsync"/> stores a user's export.</summary>
public sealed class UserImportOptions
{
    /// <summary>
    /// The embedding generator of the target store. When its model id differs from the one that
    /// built the exported vectors, every record's feature text is embedded again with it (no chat
    /// model is ever called); when it is null, the exported vectors are stored as they are.
    /// </summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>
    /// True to replace what the target store already holds about the user for the exported tasks
    /// (records and user models are deleted first); false (the default) refuses the import instead.
    /// </summary>
    public bool Replace { get; init; }

    /// <summary>How long to wait for another writer of the user (an ingest) to give up the user's write lease.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromMinutes(10);
}
