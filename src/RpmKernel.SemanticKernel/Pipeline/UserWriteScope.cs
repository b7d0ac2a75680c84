using RpmKernel.Core.Records;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// What every writer of one user's records and model shares (ingest, observe): the two stores, the
/// write lease around the whole write, the forget-wins clean-up when the lease is revoked, and a user
/// model whose item count is counted in the store under the lease. Records are written with
/// <see cref="UserWriteLease.WriteRecordsAsync"/>.
/// </summary>
internal sealed class UserWriteScope(IReasoningStore records, IUserModelStore models, IUserWriteLeases leases)
{
    public IReasoningStore Records => records;

    public IUserModelStore Models => models;

    /// <summary>
    /// Runs <paramref name="write"/> holding the lease of (<paramref name="userId"/>, <paramref name="task"/>);
    /// a second writer waits here. When a forget revokes the lease, whatever was written after it is
    /// removed again and <see cref="UserForgottenException"/> propagates.
    /// </summary>
    public async Task<T> RunAsync<T>(string userId, string task, IProgress<IngestProgress>? progress, Func<UserWriteLease, Task<T>> write, CancellationToken cancellationToken)
    {
        var lease = await UserWriteLease.AcquireAsync(leases, userId, task, progress, cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            try
            {
                return await write(lease).ConfigureAwait(false);
            }
            catch (UserForgottenException)
            {
                // Forget wins: whatever this run wrote after the forget is removed again.
                await records.DeleteAsync(userId, task, CancellationToken.None).ConfigureAwait(false);
                await models.DeleteAsync(userId, task, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Stores the user model built by <paramref name="build"/> from the number of records in the store,
    /// counted under the lease (and not during a reindex), so the model never claims more or fewer items than are stored.
    /// </summary>
    public async Task<UserModel> SaveModelAsync(UserWriteLease lease, string userId, string task, Func<int, UserModel> build, CancellationToken cancellationToken)
    {
        await lease.EnsureHeldAsync().ConfigureAwait(false);
        var stored = (await records.GetItemIdsAsync(userId, task, cancellationToken).ConfigureAwait(false)).Count;
        var model = build(stored);
        await lease.EnsureHeldAsync().ConfigureAwait(false);
        await models.UpsertAsync(model, cancellationToken).ConfigureAwait(false);
        await lease.EnsureHeldAsync().ConfigureAwait(false);
        return model;
    }
}
