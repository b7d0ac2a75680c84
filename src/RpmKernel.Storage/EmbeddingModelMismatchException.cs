namespace RpmKernel.Storage;

/// <summary>
/// A user's records were embedded with another embedding model than the one in use, even though the
/// dimension is the same: the two models' vectors live in different spaces, so a search or a new record
/// would mix them. Re-embed the records (<c>rpmk reindex</c>) or go back to the model that built them.
/// </summary>
public sealed class EmbeddingModelMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a message only.</summary>
    public EmbeddingModelMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for records of <paramref name="userId"/> embedded with <paramref name="storedModel"/> met by <paramref name="configuredModel"/>.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="userId">The user whose records they are.</param>
    /// <param name="task">The task of the records.</param>
    /// <param name="storedModel">The embedding model the records were embedded with.</param>
    /// <param name="configuredModel">The embedding model in use.</param>
    public EmbeddingModelMismatchException(string message, string userId, string task, string storedModel, string configuredModel)
        : base(message)
    {
        UserId = userId;
        Task = task;
        StoredModel = storedModel;
        ConfiguredModel = configuredModel;
    }

    /// <summary>The user whose records they are.</summary>
    public string? UserId { get; }

    /// <summary>The task of the records.</summary>
    public string? Task { get; }

    /// <summary>The embedding model the records were embedded with.</summary>
    public string? StoredModel { get; }

    /// <summary>The embedding model in use.</summary>
    public string? ConfiguredModel { get; }
}
