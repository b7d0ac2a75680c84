using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Answers;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.Core.Text;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Telemetry;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The offline half of RPM (stages 1–5): features, factors, statistics, reasoning paths, and the
/// reasoning-enhanced records with their feature-text embeddings. An item that fails is listed
/// with its stage and never stored half-built.
/// </summary>
internal sealed class HistoryIngestor
{
    private readonly RpmStages _stages;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly UserWriteScope _writes;
    private readonly RpmOptions _options;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _secrets;

    public HistoryIngestor(RpmStages stages, IEmbeddingGenerator<string, Embedding<float>> embeddings, UserWriteScope writes, RpmOptions options, TimeProvider time)
    {
        _stages = stages;
        _embeddings = embeddings;
        _writes = writes;
        _options = options;
        _time = time;
        _secrets = RpmSecrets.Redactor(options);
    }

    /// <summary>
    /// Runs stages 1–5. Items already stored with the same query and answer are reused (no feature or
    /// reasoning call); <paramref name="rebuild"/> redoes every item and asks the model again.
    /// <paramref name="progress"/> hears each stage as its batches complete. The caller has already
    /// checked the history's fields and limits (<see cref="HistoryValidator"/>).
    /// </summary>
    public async Task<IngestResult> IngestAsync(
        string userId, TaskProfile task, IReadOnlyList<HistoryItem> items, bool rebuild, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        HistoryValidator.ValidateAnswers(task, items);

        // One writer per user and task: a second ingest waits here, and a forget revokes the lease.
        return await _writes.RunAsync(userId, task.Name, progress, lease => IngestHeldAsync(userId, task, items, rebuild, progress, lease, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<IngestResult> IngestHeldAsync(
        string userId, TaskProfile task, IReadOnlyList<HistoryItem> items, bool rebuild, IProgress<IngestProgress>? progress, UserWriteLease lease, CancellationToken cancellationToken)
    {
        using var activity = RpmTelemetry.Source.StartActivity("rpm.ingest");

        // With the Batch API on, each stage's first requests below go out together as batches (see BatchRound).
        using var batching = _options.Ingest.BatchApi.Enabled ? BatchRound.Enable() : null;
        var usage = new UsageLedger(new StageCallContext(userId, task.Name, ReadCache: !rebuild));
        var failed = new ConcurrentBag<FailedItem>();
        // Which items are unchanged is decided from ids and content hashes alone. When the user model's counts
        // describe exactly the stored records (saved at the store's current write version), only the input's items are
        // looked up by key, new items update the counts, and nothing else of the stored records is read; otherwise every
        // record's id and hash is read, and the answers and features of the reused ones (a narrow read) load while
        // stage 1 waits on the model, on the thread pool because SQLite reads synchronously.
        var (previous, tally) = rebuild ? ((UserModel?)null, (FactorTally?)null) : await _writes.GetModelAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
        var stored = rebuild
            ? StoredItems.All(new Dictionary<string, string>())
            : await _writes.ReadStoredAsync(userId, task, items.Select(i => i.Id), tally, cancellationToken).ConfigureAwait(false);
        var plan = IngestPlan.Create(items, stored, _options.Ingest.BatchSize);
        var incremental = plan.CanUpdate(task, tally);
        if (!incremental && !stored.Complete)
        {
            stored = await _writes.ReadAllStoredAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
            plan = IngestPlan.Create(items, stored, _options.Ingest.BatchSize);
            incremental = plan.CanUpdate(task, tally);
        }

        // A user's records stay in one vector space: another embedding model is refused before any model call.
        var probe = rebuild ? (await _writes.Records.GetItemIdsAsync(userId, task.Name, cancellationToken).ConfigureAwait(false)).FirstOrDefault() : stored.ProbeId;
        await EmbeddingSpace.EnsureStoredAlikeAsync(_writes.Records, userId, task.Name, probe is null ? [] : [probe], EmbeddingSpace.ModelOf(_embeddings), cancellationToken).ConfigureAwait(false);
        activity?.SetTag("rpm.items.reused", plan.ReusedCount);
        activity?.SetTag("rpm.statistics.incremental", incremental);
        var reading = incremental || plan.ReusedCount == 0
            ? Task.FromResult<IReadOnlyList<StoredEvidence>>([])
            : Task.Run(() => _writes.Records.GetEvidenceAsync(userId, task.Name, cancellationToken), cancellationToken);

        // Stage 1: features of the fresh items, in batches; reused items keep their stored features.
        // Each batch's feature texts are embedded as soon as its features come back, while the later
        // stages wait on the model, so storing a batch in stage 5 only writes.
        await using var embedded = new FeatureEmbeddings(_embeddings);
        var features = new ConcurrentDictionary<string, IReadOnlyList<Feature>>(StringComparer.Ordinal);
        var extracting = StageProgress.Start(progress, RpmStage.ExtractFeatures, plan.ReusedCount, plan.ReusedCount + plan.FreshCount);
        var extraction = RunBatchesAsync(plan.Batches, RpmStage.ExtractFeatures, failed, async batch =>
        {
            var cached = plan.ChunkOf(batch) is { } chunk
                ? await _stages.Features.TryExtractCachedAsync(task, chunk, usage, cancellationToken).ConfigureAwait(false)
                : null;
            var extracted = cached ?? await _stages.Features.ExtractAsync(task, batch, usage, cancellationToken).ConfigureAwait(false);
            foreach (var item in batch)
            {
                features[item.Id] = extracted[item.Id];
            }

            embedded.Start(batch.Select(i => (i.Id, FeatureText.Compose(features[i.Id]))).ToList());
            extracting.Add(batch.Length);
        }, cancellationToken);
        await Task.WhenAll(extraction, reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await extraction.ConfigureAwait(false);
        var evidence = await reading.ConfigureAwait(false);
        foreach (var (itemId, itemFeatures) in plan.ReusedFeatures(evidence))
        {
            features[itemId] = itemFeatures;
        }

        // Updating counts, the reused items are in them already and only the fresh ones are featured here.
        var featured = plan.All(evidence).Where(i => features.ContainsKey(i.Id)).ToList();
        if (featured.Count == 0)
        {
            return Result(userId, task, 0, plan, failed, incremental ? previous : null, usage);
        }

        // Stage 2: factors from the distinct proposed labels of every item, old and new; or, updating counts, the
        // user's factors with the labels of the fresh items that no stored item carries clustered into them.
        IReadOnlyList<Factor> factors;
        var updated = incremental ? tally!.Copy() : null;
        var clustering = StageProgress.Start(progress, RpmStage.ClusterFactors, 0, 1);
        try
        {
            if (updated is not null)
            {
                await BatchRound.RunAsync(() => FactorExtension.ExtendAsync(_stages.Factors, task, updated, FactorLabels.Propose(featured, features),
                    Math.Max(1, _options.Ingest.MaxFactors), Math.Max(2, _options.Ingest.ClusterChunkSize), usage, cancellationToken), cancellationToken).ConfigureAwait(false);
                factors = updated.FactorList();
            }
            else
            {
                factors = await BatchRound.RunAsync(() => _stages.Factors.ClusterAsync(task, FactorLabels.Propose(featured, features), Math.Max(1, _options.Ingest.MaxFactors),
                    Math.Max(2, _options.Ingest.ClusterChunkSize), usage, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            clustering.Add(1);
        }
        catch (Exception ex) when (StageFailures.IsItemFailure(ex, cancellationToken))
        {
            foreach (var batch in plan.Batches)
            {
                foreach (var item in batch.Where(i => features.ContainsKey(i.Id)))
                {
                    failed.Add(new FailedItem(item.Id, RpmStage.ClusterFactors, _secrets.Redact(ex.Message)));
                }
            }

            return Result(userId, task, 0, plan, failed, incremental ? previous : null, usage);
        }

        // Stage 3: statistics over every item, a native kernel function. A discrete task's are read from counts:
        // those of the stored records (kept with the model, or counted once from their evidence) plus the fresh items.
        var counted = !FactorTally.Supports(task) ? null
            : updated ?? FactorTally.Build(task, factors, evidence.Where(e => plan.IsReused(e.ItemId)).Select(e => new TalliedItem(e.ItemId, stored.Hashes[e.ItemId], e.Answer, e.Features)));
        var withFresh = counted?.Copy();
        foreach (var item in featured.Where(i => !plan.IsReused(i.Id)))
        {
            withFresh?.Add(task, Tallied(item, features), newLabelsPending: false);
        }

        var statistics = await ComputeStatisticsAsync(task, featured, features, factors, withFresh, cancellationToken).ConfigureAwait(false);
        var factorsText = FactorText.WithStatistics(statistics, withFresh?.Items ?? featured.Count);

        // Stages 4 and 5: reasoning paths of the fresh items, each batch stored as soon as it is built,
        // so a crash loses at most the batches in flight.
        var written = new ConcurrentBag<HistoryItem>();
        var storing = StageProgress.Start(progress, RpmStage.ConstructReasoning, plan.ReusedCount, plan.ReusedCount + featured.Count(i => !plan.IsReused(i.Id)));
        var reasoningBatches = plan.Batches.Select(b => b.Where(i => features.ContainsKey(i.Id)).ToArray()).Where(b => b.Length > 0).ToList();
        await RunBatchesAsync(reasoningBatches, RpmStage.ConstructReasoning, failed, async batch =>
        {
            var input = batch.Select(i => (i, features[i.Id])).ToList();
            var reasoning = await _stages.Reasoning.BuildAsync(task, factorsText, input, usage, cancellationToken).ConfigureAwait(false);
            // Reasoning that came back is stored even when the run is being cancelled: it was paid for.
            await lease.WriteRecordsAsync(() => StoreAsync(userId, task, batch, features, reasoning, embedded, CancellationToken.None)).ConfigureAwait(false);
            foreach (var item in batch)
            {
                written.Add(item);
            }

            storing.Add(batch.Length);
        }, cancellationToken).ConfigureAwait(false);

        // The model counts the stored records: an item whose reasoning failed was in the statistics its batch-mates were reasoned with, not in the model's.
        var saved = counted;
        foreach (var item in written)
        {
            saved?.Add(task, Tallied(item, features), newLabelsPending: false);
        }

        var model = await _writes.SaveModelAsync(lease, userId, task.Name, storedCount => new UserModel
        {
            UserId = userId,
            Task = task.Name,
            ItemCount = storedCount,
            Factors = saved is null ? statistics : TallyStatistics.Of(task, saved),
            PromptVersions = _stages.Prompts.ActiveVersions,
            Model = _stages.Models.ModelId(RpmStage.ConstructReasoning),
            Models = _stages.Models.ModelIds(StageChatSettings.IngestStages),
            BuiltAt = _time.GetUtcNow(),
        }, cancellationToken, saved, incremental && !stored.Complete ? stored.Count + written.Count : null).ConfigureAwait(false);
        return Result(userId, task, written.Count, plan, failed, model, usage);
    }

    private async Task<IReadOnlyList<FactorStatistics>> ComputeStatisticsAsync(
        TaskProfile task, IReadOnlyList<HistoryItem> featured, IReadOnlyDictionary<string, IReadOnlyList<Feature>> features, IReadOnlyList<Factor> factors,
        FactorTally? tally, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments
        {
            ["task"] = task,
            ["items"] = featured,
            ["features"] = features,
            ["factors"] = factors,
        };
        if (tally is not null)
        {
            arguments["tally"] = tally;
        }

        return (await _stages.Kernel.InvokeAsync(_stages.Statistics, arguments, cancellationToken).ConfigureAwait(false)).GetValue<IReadOnlyList<FactorStatistics>>() ?? [];
    }

    private static TalliedItem Tallied(HistoryItem item, IReadOnlyDictionary<string, IReadOnlyList<Feature>> features) =>
        new(item.Id, ItemContentHash.Of(item), item.Answer, features.GetValueOrDefault(item.Id));

    /// <summary>Stage 5: the reasoning-enhanced records of one batch with their feature-text embeddings, computed since stage 1.</summary>
    private async Task StoreAsync(
        string userId, TaskProfile task, HistoryItem[] batch, ConcurrentDictionary<string, IReadOnlyList<Feature>> features, IReadOnlyDictionary<string, string> reasoning,
        FeatureEmbeddings embedded, CancellationToken cancellationToken)
    {
        var versions = _stages.Prompts.ActiveVersions;
        var now = _time.GetUtcNow();
        var embeddingModel = _embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "";
        var records = batch.Select(i => ReasoningRecords.Create(userId, task, i, features[i.Id], reasoning[i.Id], versions,
            _stages.Models.ModelId(RpmStage.ConstructReasoning), embeddingModel, now)).ToList();
        var vectors = await embedded.GetAsync(records.Select(r => (r.ItemId, r.FeatureText)).ToList(), cancellationToken).ConfigureAwait(false);
        await _writes.Records.UpsertAsync(records, vectors, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunBatchesAsync(
        IReadOnlyList<HistoryItem[]> batches, string stage, ConcurrentBag<FailedItem> failed, Func<HistoryItem[], Task> run, CancellationToken cancellationToken)
    {
        await BatchRound.WhenAll(batches, async batch =>
        {
            try
            {
                await run(batch).ConfigureAwait(false);
            }
            catch (Exception ex) when (StageFailures.IsItemFailure(ex, cancellationToken) && batch.Length > 1 && ex is not BatchLineFailedException)
            {
                // One bad item should not sink its batch: retry the items one by one.
                await Task.WhenAll(batch.Select(item => RunOneAsync(item, stage, failed, run, cancellationToken))).ConfigureAwait(false);
            }
            catch (Exception ex) when (StageFailures.IsItemFailure(ex, cancellationToken))
            {
                // A failed batch line is every item of its batch (retrying them online would pay full price).
                foreach (var item in batch)
                {
                    failed.Add(new FailedItem(item.Id, stage, _secrets.Redact(ex.Message)));
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunOneAsync(HistoryItem item, string stage, ConcurrentBag<FailedItem> failed, Func<HistoryItem[], Task> run, CancellationToken cancellationToken)
    {
        try
        {
            await run([item]).ConfigureAwait(false);
        }
        catch (Exception ex) when (StageFailures.IsItemFailure(ex, cancellationToken))
        {
            failed.Add(new FailedItem(item.Id, stage, _secrets.Redact(ex.Message)));
        }
    }

    private static IngestResult Result(string userId, TaskProfile task, int stored, IngestPlan plan, IEnumerable<FailedItem> failed, UserModel? model, UsageLedger usage) => new()
    {
        UserId = userId,
        Task = task.Name,
        Items = stored,
        Reused = plan.ReusedCount,
        Failed = failed.OrderBy(f => f.ItemId, StringComparer.Ordinal).ToList(),
        Model = model,
        Usage = usage.Total,
    };
}
