using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Transfer;

/// <summary>
/// Moves one user between stores (SQLite, Qdrant, InMemory, or a host's) through a versioned JSONL
/// file: the first line is a header (<c>format</c>, <c>version</c>, the user, the task or null for
/// all, the embedding model and dimension, and the count of each kind of line that follows); each
/// further line is one reasoning record with its feature-text embedding, one user model, or one
/// usage row. Cached model responses are not exported (they are a cache, rebuilt on demand).
/// </summary>
public static class UserExport
{
    /// <summary>The format name in the header's <c>format</c> field.</summary>
    public const string FormatName = "rpmkernel-user-export";

    /// <summary>The format version this library writes and the only one it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes everything stored about a user (of one task, or every task) to <paramref name="writer"/> in the export format.</summary>
    /// <param name="storage">The store to read from.</param>
    /// <param name="userId">The user; trimmed and NFC-normalised like every user id.</param>
    /// <param name="task">One task profile name, or null for every task of the user.</param>
    /// <param name="writer">Where the JSONL goes; it is flushed, not closed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="Core.Errors.RpmInputException">Nothing is stored about the user (and task).</exception>
    public static Task<UserTransferSummary> ExportAsync(RpmStorage storage, string userId, string? task, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(writer);
        if (task is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(task);
        }

        return UserExporter.RunAsync(storage, UserIdPolicy.Canonical(userId, MaxIdCharacters), task, writer, cancellationToken);
    }

    /// <summary>
    /// Stores an export in <paramref name="storage"/> under the user's write lease of every task in
    /// the file. The whole file is read and checked (format, version, counts, that every line belongs
    /// to the header's user) before anything is written. No chat model is called; the feature texts
    /// are embedded again only when <see cref="UserImportOptions.Embeddings"/> is another model than the file's.
    /// </summary>
    /// <param name="storage">The store to write to.</param>
    /// <param name="reader">The JSONL export.</param>
    /// <param name="options">Re-embedding, replacement and lease waiting; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the import before its first write.</param>
    /// <returns>What was stored.</returns>
    /// <exception cref="Core.Errors.RpmInputException">The file is not a valid export of a known version, or the store already holds the user and <see cref="UserImportOptions.Replace"/> is false.</exception>
    public static Task<UserTransferSummary> ImportAsync(RpmStorage storage, TextReader reader, UserImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(reader);
        return UserImporter.RunAsync(storage, reader, options ?? new UserImportOptions(), cancellationToken);
    }

    /// <summary>The longest user id a file may name (the default of <c>Rpm:Limits:MaxIdCharacters</c>).</summary>
    internal const int MaxIdCharacters = 512;
}
