namespace RpmKernel.Storage;

/// <summary>
/// A collection stores vectors of another dimension than the embedding model in use produces: the
/// embedding model changed since the collection was built. Re-embed the records (<c>rpmk reindex</c>)
/// or go back to the model the collection was built with.
/// </summary>
public sealed class EmbeddingDimensionMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a message only.</summary>
    public EmbeddingDimensionMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public EmbeddingDimensionMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingDimensionMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a collection built with <paramref name="storedDimensions"/> opened with <paramref name="openedDimensions"/>.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="collectionName">The collection.</param>
    /// <param name="storedDimensions">The dimension of the stored vectors.</param>
    /// <param name="openedDimensions">The dimension the collection was opened with (the embedding model in use).</param>
    public EmbeddingDimensionMismatchException(string message, string collectionName, int storedDimensions, int openedDimensions)
        : base(message)
    {
        CollectionName = collectionName;
        StoredDimensions = storedDimensions;
        OpenedDimensions = openedDimensions;
    }

    /// <summary>The collection.</summary>
    public string? CollectionName { get; }

    /// <summary>The dimension of the stored vectors.</summary>
    public int StoredDimensions { get; }

    /// <summary>The dimension the collection was opened with.</summary>
    public int OpenedDimensions { get; }
}
