using RpmKernel.Core.Factors;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.Storage;
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
    /// The user model with the counts its statistics were read from (<see cref="FactorTally"/>), or a null tally
    /// when the store keeps none (a model of an earlier version, another store, a generation task).
    /// </summary>
    public async Task<(UserModel? Model, FactorTally? Tally)> GetModelAsync(string userId, string task, CancellationToken cancellationToken)
    {
        if (models is not UserModelStore store)
        {
            return (await models.GetAsync(userId, task, cancellationToken).ConfigureAwait(false), null);
        }

        var (model, tallyJson) = await store.GetWithTallyAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return (model, model is null ? null : TallyJson.Read(tallyJson));
    }

    /// <summary>
    /// What is stored of the user's records, for a write of <paramref name="incomingIds"/>: when <paramref name="tally"/>
    /// was saved at the store's current write version (no write of the user's records since, by any process), only
    /// the incoming items are looked up by key and nothing grows with the history; otherwise every record's id and
    /// content hash is read.
    /// </summary>
    public async Task<StoredItems> ReadStoredAsync(
        string userId, TaskProfile task, IEnumerable<string> incomingIds, FactorTally? tally, CancellationToken cancellationToken)
    {
        if (tally is not null && records is ReasoningStore store
            && tally.DescribesVersion(task, await store.GetWriteVersionAsync(userId, cancellationToken).ConfigureAwait(false)))
        {
            var hashes = await store.GetContentHashesAsync(userId, task.Name, incomingIds, cancellationToken).ConfigureAwait(false);
            var probe = hashes.Keys.FirstOrDefault() ?? (tally.Items > 0 ? await store.GetAnyItemIdAsync(userId, task.Name, cancellationToken).ConfigureAwait(false) : null);
            return StoredItems.Looked(hashes, tally.Items, probe);
        }

        return await ReadAllStoredAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every stored record's id and content hash (what a write reads when the kept counts cannot be trusted).</summary>
    public async Task<StoredItems> ReadAllStoredAsync(string userId, string task, CancellationToken cancellationToken) =>
        StoredItems.All(await records.GetContentHashesAsync(userId, task, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Stores the user model built by <paramref name="build"/> from the number of records in the store,
    /// counted under the lease (and not during a reindex), so the model never claims more or fewer items than are stored;
    /// <paramref name="storedCount"/>, when given, is that number as the caller knows it under the lease (the trusted
    /// counts plus the items it wrote), and nothing is counted.
    /// <paramref name="tally"/>, the counts of its statistics, is stored with it when it counted as many items as are stored,
    /// with the store's write version read before the count (a write by anyone after it changes the version, and the next
    /// writer then reads every record); else the model is stored without counts and the next update recomputes them from every record.
    /// </summary>
    public async Task<UserModel> SaveModelAsync(
        UserWriteLease lease, string userId, string task, Func<int, UserModel> build, CancellationToken cancellationToken, FactorTally? tally = null, int? storedCount = null)
    {
        await lease.EnsureHeldAsync().ConfigureAwait(false);
        var version = records is ReasoningStore store ? await store.GetWriteVersionAsync(userId, cancellationToken).ConfigureAwait(false) : null;
        var stored = storedCount ?? (await records.GetItemIdsAsync(userId, task, cancellationToken).ConfigureAwait(false)).Count;
        var model = build(stored);
        await lease.EnsureHeldAsync().ConfigureAwait(false);
        if (tally is not null && tally.Items == stored && models is UserModelStore modelStore)
        {
            tally.RecordsVersion = version;
            await modelStore.UpsertWithTallyAsync(model, TallyJson.Write(tally), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await models.UpsertAsync(model, cancellationToken).ConfigureAwait(false);
        }

        await lease.EnsureHeldAsync().ConfigureAwait(false);
        return model;
    }
}
