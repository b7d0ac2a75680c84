using RpmKernel.Core.Errors;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Removes one history item under the user's write lease and keeps the user model consistent
/// without a model call: the item's counts are taken out of the statistics (stage 3, code only) —
/// from the counts kept with the model when they describe the stored records, else by a recompute
/// over the records that remain — the item count becomes their count, and the factors stay as
/// clustered except those the item was the only evidence of. The last item removed deletes the model as well.
/// </summary>
internal sealed class HistoryItemRemover(RpmStorage storage, TimeProvider time)
{
    public async Task<ItemRemoval> RemoveAsync(string userId, TaskProfile task, string itemId, string taskHint, CancellationToken cancellationToken)
    {
        var records = storage.Reasoning as ReasoningStore
            ?? throw new NotSupportedException($"The reasoning store ({storage.Reasoning.GetType().Name}) cannot delete one item; only RpmKernel's own store can.");
        var writes = new UserWriteScope(storage.Reasoning, storage.UserModels, storage.Leases);
        var lease = await UserWriteLease.AcquireAsync(storage.Leases, userId, task.Name, progress: null, cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            await lease.EnsureHeldAsync().ConfigureAwait(false);
            var hashes = await records.GetContentHashesAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
            var (model, tally) = await writes.GetModelAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
            var counted = tally is not null && tally.Describes(task, hashes) ? tally : null;
            var removed = await records.TakeItemAsync(userId, task.Name, itemId, cancellationToken).ConfigureAwait(false);
            while (removed is not null && await lease.ReindexOverlappedAsync().ConfigureAwait(false))
            {
                // A rebuild that read the record before the delete wrote it back; delete it again.
                await records.DeleteItemAsync(userId, task.Name, itemId, CancellationToken.None).ConfigureAwait(false);
            }

            if (removed is null)
            {
                throw new RpmInputException(hashes.Count == 0
                    ? PipelineErrors.NoHistory(userId, task.Name, taskHint).Message
                    : $"User '{userId}' has no item '{itemId}' for task '{task.Name}' (item ids are exact and case-sensitive); the ids of the stored items are in `rpmk export --user {userId} --task {taskHint}`.");
            }

            await lease.EnsureHeldAsync().ConfigureAwait(false);
            var remaining = (await records.GetItemIdsAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false)).Count;
            if (remaining == 0)
            {
                await storage.UserModels.DeleteAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false);
                return new ItemRemoval(userId, task.Name, itemId, 0, model?.Factors.Select(f => f.Name).ToList() ?? []);
            }

            if (model is null)
            {
                return new ItemRemoval(userId, task.Name, itemId, remaining, []);
            }

            List<FactorStatistics> statistics;
            if (counted is not null)
            {
                counted.Remove(task, new TalliedItem(itemId, hashes[itemId], removed.Answer, removed.Features));
                statistics = TallyStatistics.Of(task, counted);
            }
            else
            {
                (statistics, counted) = Recompute(task, model, await records.GetEvidenceAsync(userId, task.Name, CancellationToken.None).ConfigureAwait(false), hashes);
            }

            var dropped = statistics.Where(s => s.Evidence == 0).Select(s => s.Name).ToList();
            counted?.RemoveFactorsWithoutEvidence();
            var rebuilt = model with { ItemCount = remaining, Factors = [.. statistics.Where(s => s.Evidence > 0)], BuiltAt = time.GetUtcNow() };
            await writes.SaveModelAsync(lease, userId, task.Name, _ => rebuilt, CancellationToken.None, counted).ConfigureAwait(false);
            return new ItemRemoval(userId, task.Name, itemId, remaining, dropped);
        }
    }

    // The statistics over every remaining record, with their counts when the task keeps them.
    private static (List<FactorStatistics> Statistics, FactorTally? Tally) Recompute(
        TaskProfile task, UserModel model, IReadOnlyList<StoredEvidence> remaining, IReadOnlyDictionary<string, string> hashes)
    {
        var factors = model.Factors.Select(f => new Factor(f.Name, f.Description, f.Members)).ToList();
        if (!FactorTally.Supports(task))
        {
            var items = remaining.Select(r => new HistoryItem(r.ItemId, "", r.Answer)).ToList();
            var features = remaining.ToDictionary(r => r.ItemId, r => r.Features, StringComparer.Ordinal);
            return ([.. FactorStatisticsCalculator.Compute(task, items, (IReadOnlyDictionary<string, IReadOnlyList<Feature>>)features, factors)], null);
        }

        var tally = FactorTally.Build(task, factors, remaining.Select(r => new TalliedItem(r.ItemId, hashes.GetValueOrDefault(r.ItemId, ""), r.Answer, r.Features)));
        return (TallyStatistics.Of(task, tally), tally);
    }
}
