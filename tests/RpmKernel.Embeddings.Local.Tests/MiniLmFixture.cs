using RpmKernel.Embeddings.Local;

namespace RpmKernel.Embeddings.Local.Tests;

/// <summary>Loads the model once for the whole test class; a small batch size exercises batch boundaries, and no cache, so every call runs the model.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public const int BatchSize = 3;

    public MiniLmEmbeddingGenerator Generator { get; } = new(batchSize: BatchSize, cacheEntries: 0);

    public void Dispose() => Generator.Dispose();
}
