using Microsoft.Extensions.VectorData;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage;

/// <summary>
/// The stores of RpmKernel over one vector store, as returned by a factory such as
/// <see cref="Sqlite.SqliteStores.Open"/>. Disposing it disposes the vector store.
/// </summary>
public sealed class RpmStorage : IDisposable
{
    /// <summary>Creates the pair; <paramref name="vectorStore"/> is owned and disposed with it.</summary>
    /// <param name="vectorStore">The vector store both stores live in.</param>
    /// <param name="reasoning">The reasoning-record store.</param>
    /// <param name="userModels">The user-model store.</param>
    /// <param name="cache">The model-response cache.</param>
    /// <param name="usage">The usage ledger.</param>
    public RpmStorage(VectorStore vectorStore, IReasoningStore reasoning, IUserModelStore userModels, IResponseCacheStore cache, IUsageStore usage)
    {
        ArgumentNullException.ThrowIfNull(vectorStore);
        ArgumentNullException.ThrowIfNull(reasoning);
        ArgumentNullException.ThrowIfNull(userModels);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(usage);
        VectorStore = vectorStore;
        Reasoning = reasoning;
        UserModels = userModels;
        Cache = cache;
        Usage = usage;
    }

    /// <summary>The underlying vector store.</summary>
    public VectorStore VectorStore { get; }

    /// <summary>The reasoning-record store.</summary>
    public IReasoningStore Reasoning { get; }

    /// <summary>The user-model store.</summary>
    public IUserModelStore UserModels { get; }

    /// <summary>The content-addressed cache of model responses.</summary>
    public IResponseCacheStore Cache { get; }

    /// <summary>The usage ledger.</summary>
    public IUsageStore Usage { get; }

    /// <summary>
    /// Per-user write leases: in the database file on SQLite (across processes), in the
    /// <c>&lt;Collection&gt;_leases</c> collection on Qdrant 1.16 or newer (across machines), in this process
    /// on InMemory and older Qdrant servers. Replace it (for example with a distributed lock) for a host store without leases of its own.
    /// </summary>
    public IUserWriteLeases Leases { get; init; } = new ProcessUserWriteLeases(TimeProvider.System);

    /// <summary>Creates the collections of every store if they do not exist yet, and checks the vector dimension of existing ones.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        await Reasoning.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await UserModels.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await Cache.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await Usage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when the vector stores belong to the host, which disposes them.</summary>
    internal bool OwnsVectorStore { get; init; } = true;

    /// <summary>
    /// Deletes everything stored about a user (of one task, or of every task when <paramref name="task"/>
    /// is null): records (also those in an interrupted reindex's backup), user models, cached responses
    /// and usage rows. On SQLite this is one transaction with <c>secure_delete</c> on, followed by a WAL
    /// checkpoint, so no byte of the user stays in the file; on other stores each collection is deleted in turn.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="task">One task, or null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<UserErasure> ForgetAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return StorageErasure.RunAsync(this, userId, task, waitingForReindex: null, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ForgetAsync(string, string?, CancellationToken)"/>; <paramref name="waitingForReindex"/> is
    /// called once when the forget has to wait for a running reindex of the store (so a command can say so).
    /// </summary>
    internal Task<UserErasure> ForgetAsync(string userId, string? task, Action? waitingForReindex, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return StorageErasure.RunAsync(this, userId, task, waitingForReindex, cancellationToken);
    }

    /// <summary>
    /// The user model of every stored user (of one task when <paramref name="task"/> is set), ordered by
    /// user and task: who is stored, with item counts and provenance. For reports and maintenance
    /// (<c>rpmk users</c>), never to serve a user.
    /// </summary>
    /// <param name="task">One task profile name, or null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="NotSupportedException">The user-model store was replaced by one that cannot list users.</exception>
    public async Task<IReadOnlyList<UserModel>> ListUserModelsAsync(string? task = null, CancellationToken cancellationToken = default)
    {
        var models = UserModels as UserModelStore
            ?? throw new NotSupportedException($"The user-model store ({UserModels.GetType().Name}) cannot list users; only RpmKernel's own store can.");
        return await models.ListAsync(userId: null, task, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (OwnsVectorStore)
        {
            VectorStore.Dispose();
        }
    }
}
