using RpmKernel.Core.Errors;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Removes one history item under the user's write lease and keeps the user model consistent
/// without a model call: the statistics are recomputed (stage 3, code only) over the records that
/// remain, the item count becomes their count, and the factors stay as clustered except those the
/// item was the only evidence of. The last item removed deletes the model as well.
/// </summary>
internal sealed class HistoryItemRemover(RpmStorage storage, TimeProvider time)
{
    public async Task<ItemRemoval> RemoveAsync(string userId, TaskProfile task, string itemId, string taskHint, CancellationToken cancellationToken)
    {
        var records = storage.Reasoning as ReasoningStore
            ?? throw new NotSupportedException($"The reasoning store ({storage.Reasoning.GetType().Name}) cannot delete one item; only RpmKernel's own store can.");
        var lease = await UserWriteLease.AcquireAsync(storage.Leases, userId, task.Name, progress: null, cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            await lease.EnsureHeldAsync().ConfigureAwait(false);
            var deleted = await records.DeleteItemAsync(userId, task.Name, itemId, cancellationToken).ConfigureAwait(false);
            while (deleted && await lease.ReindexOverlappedAsync().ConfigureAwait(false))
            {
                // A rebuild that read the record before the delete wrote it back; delete it again.
                await records.DeleteItemAsync(userId, task.Name, itemId, CancellationToken.None).ConfigureAwait(false);
            }

            if (!deleted)
            {
                var stored = await records.GetItemIdsAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
                throw new RpmInputException(stored.Count == 0
                    ? PipelineErrors.NoHistory(userId, task.Name, taskHint).Message
                    : $"User '{userId}' has no item '{itemId}' for task '{task.Name}' (item ids are exact and case-sensitive); the ids of the stored items are in `rpmk export --user {userId} --task {taskHint}`.");
            }

            await lease.EnsureHeldAsync().ConfigureAwait(false);
            var remaining = await records.GetEvidenceAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false);
            var model = await storage.UserModels.GetAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false);
            if (remaining.Count == 0)
            {
                await storage.UserModels.DeleteAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false);
                return new ItemRemoval(userId, task.Name, itemId, 0, model?.Factors.Select(f => f.Name).ToList() ?? []);
            }

            if (model is null)
            {
                return new ItemRemoval(userId, task.Name, itemId, remaining.Count, []);
            }

            var items = remaining.Select(r => new HistoryItem(r.ItemId, "", r.Answer)).ToList();
            var features = remaining.ToDictionary(r => r.ItemId, r => r.Features, StringComparer.Ordinal);
            var factors = model.Factors.Select(f => new Factor(f.Name, f.Description, f.Members)).ToList();
            var statistics = FactorStatisticsCalculator.Compute(task, items, (IReadOnlyDictionary<string, IReadOnlyList<Feature>>)features, factors);
            var kept = statistics.Where(s => s.Evidence > 0).ToList();
            var rebuilt = model with { ItemCount = remaining.Count, Factors = kept, BuiltAt = time.GetUtcNow() };
            await lease.EnsureHeldAsync().ConfigureAwait(false);
            await storage.UserModels.UpsertAsync(rebuilt, CancellationToken.None).ConfigureAwait(false);
            return new ItemRemoval(userId, task.Name, itemId, remaining.Count, [.. statistics.Where(s => s.Evidence == 0).Select(s => s.Name)]);
        }
    }
}
