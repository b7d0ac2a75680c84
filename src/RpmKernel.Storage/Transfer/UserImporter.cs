using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Transfer;

/// <summary>Stores a checked export under the user's write leases; re-embeds only when the target's embedding model differs.</summary>
internal static class UserImporter
{
    private const int BatchSize = 64;

    public static async Task<UserTransferSummary> RunAsync(RpmStorage storage, TextReader reader, UserImportOptions options, CancellationToken cancellationToken)
    {
        var file = await UserExportFile.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        var userId = file.Header.UserId;
        var tasks = file.Tasks;
        await storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        var leases = await TransferLeases.AcquireAsync(storage.Leases, userId, tasks, options.LeaseWait, cancellationToken).ConfigureAwait(false);
        await using (leases.ConfigureAwait(false))
        {
            await MakeRoomAsync(storage, userId, tasks, options.Replace, cancellationToken).ConfigureAwait(false);
            var (records, vectors, model, reembedded) = await VectorsForTargetAsync(file, options.Embeddings, cancellationToken).ConfigureAwait(false);

            // From the first write on, the import runs to the end: a half-imported user would be worse than a slow one.
            for (var start = 0; start < records.Count; start += BatchSize)
            {
                await leases.EnsureHeldAsync().ConfigureAwait(false);
                var count = Math.Min(BatchSize, records.Count - start);
                await storage.Reasoning.UpsertAsync(records.GetRange(start, count), vectors.GetRange(start, count), CancellationToken.None).ConfigureAwait(false);
                while (await leases.ReindexOverlappedAsync().ConfigureAwait(false))
                {
                    await storage.Reasoning.UpsertAsync(records.GetRange(start, count), vectors.GetRange(start, count), CancellationToken.None).ConfigureAwait(false);
                }
            }

            await leases.EnsureHeldAsync().ConfigureAwait(false);
            foreach (var userModel in file.UserModels)
            {
                await storage.UserModels.UpsertAsync(userModel, CancellationToken.None).ConfigureAwait(false);
            }

            await storage.Usage.AppendAsync(file.UsageRows, CancellationToken.None).ConfigureAwait(false);
            await leases.EnsureHeldAsync().ConfigureAwait(false);
            return new UserTransferSummary(userId, tasks, records.Count, file.UserModels.Count, file.UsageRows.Count, model, reembedded);
        }
    }

    /// <summary>Refuses to merge into a user the target already holds, unless asked to replace them.</summary>
    private static async Task MakeRoomAsync(RpmStorage storage, string userId, IReadOnlyList<string> tasks, bool replace, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            var stored = (await storage.Reasoning.GetItemIdsAsync(userId, task, cancellationToken).ConfigureAwait(false)).Count;
            var model = await storage.UserModels.GetAsync(userId, task, cancellationToken).ConfigureAwait(false);
            if (stored == 0 && model is null)
            {
                continue;
            }

            if (!replace)
            {
                throw new RpmInputException(
                    $"The target store already holds user '{userId}' for task '{task}' ({stored} records); pass --replace to replace what it holds with the file, or forget the user there first.");
            }

            await storage.Reasoning.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
            await storage.UserModels.DeleteAsync(userId, task, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(List<ReasoningRecord> Records, List<ReadOnlyMemory<float>> Vectors, string Model, int Reembedded)> VectorsForTargetAsync(
        UserExportFile file, IEmbeddingGenerator<string, Embedding<float>>? embeddings, CancellationToken cancellationToken)
    {
        var records = file.Records.Select(r => r.Record).ToList();
        var target = embeddings?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";
        var stale = embeddings is null ? [] : records.Select((r, i) => (r, i)).Where(x => !string.Equals(x.r.EmbeddingModel, target, StringComparison.Ordinal)).ToList();
        var vectors = file.Records.Select(r => (ReadOnlyMemory<float>)r.Embedding).ToList();
        if (stale.Count == 0)
        {
            return (records, vectors, records.Count == 0 ? file.Header.EmbeddingModel : records[0].EmbeddingModel, 0);
        }

        foreach (var batch in stale.Chunk(BatchSize))
        {
            var embedded = await embeddings!.GenerateAsync(batch.Select(x => x.r.FeatureText), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < batch.Length; j++)
            {
                var index = batch[j].i;
                vectors[index] = embedded[j].Vector;
                records[index] = records[index] with { EmbeddingModel = target, EmbeddingDimensions = embedded[j].Vector.Length };
            }
        }

        return (records, vectors, target, stale.Count);
    }
}
