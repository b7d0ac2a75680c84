using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.SemanticKernel.Telemetry;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// Learns one new (query, answer) interaction without re-ingesting the history: its features
/// (stage 1) and reasoning path (stage 4), one call each or none when cached, and the statistics
/// over every stored item (stage 3), updated from the counts kept with the user model when they
/// describe the stored records. Factors are clustered again (stage 2) only when
/// <see cref="RpmIngestOptions.ReclusterAfterUnmappedLabels"/> distinct labels have come in since the
/// last clustering that none of the user's factors covers: the item's new labels alone into the
/// user's factors when the counts allow it, else every item's labels.
/// </summary>
internal sealed class InteractionObserver
{
    private readonly RpmStages _stages;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly UserWriteScope _writes;
    private readonly RpmOptions _options;
    private readonly TimeProvider _time;

    public InteractionObserver(RpmStages stages, IEmbeddingGenerator<string, Embedding<float>> embeddings, UserWriteScope writes, RpmOptions options, TimeProvider time)
    {
        _stages = stages;
        _embeddings = embeddings;
        _writes = writes;
        _options = options;
        _time = time;
    }

    /// <summary>The id of an interaction observed without one: the same query and answer always get the same id.</summary>
    public static string DerivedItemId(string query, string answer)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(query + "\u0000" + answer));
        return "obs-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    public async Task<ObserveResult> ObserveAsync(string userId, TaskProfile task, HistoryItem item, CancellationToken cancellationToken)
    {
        HistoryValidator.ValidateAnswers(task, [item]);

        // The same lease as ingest: one writer per user and task, and a forget revokes it.
        return await _writes.RunAsync(userId, task.Name, null, lease => ObserveHeldAsync(userId, task, item, lease, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ObserveResult> ObserveHeldAsync(string userId, TaskProfile task, HistoryItem item, UserWriteLease lease, CancellationToken cancellationToken)
    {
        using var activity = RpmTelemetry.Source.StartActivity("rpm.observe");
        var usage = new UsageLedger(new StageCallContext(userId, task.Name));
        var (model, tally) = await _writes.GetModelAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
        // Counts saved at the store's current write version describe the stored records: the item is looked up by key and
        // nothing else of them is read. Otherwise every stored id and content hash is read.
        var stored = await _writes.ReadStoredAsync(userId, task, [item.Id], tally, cancellationToken).ConfigureAwait(false);
        var contentHash = ItemContentHash.Of(item);
        if (model is not null && stored.Hashes.TryGetValue(item.Id, out var hash) && hash == contentHash)
        {
            return Result(userId, task, item, reused: true, reclustered: false, [], model, usage);
        }

        // A user's records stay in one vector space: another embedding model is refused before any model call.
        await EmbeddingSpace.EnsureStoredAlikeAsync(_writes.Records, userId, task.Name, stored.ProbeId is { } probe ? [probe] : [], EmbeddingSpace.ModelOf(_embeddings), cancellationToken)
            .ConfigureAwait(false);

        // With counts that describe exactly the stored records, a new item updates them and nothing else of the
        // stored records is read; otherwise their answers and features load (a narrow read) during stage 1.
        var counted = tally is not null && !stored.Hashes.ContainsKey(item.Id) && (stored.Complete ? tally.Describes(task, stored.Hashes) : tally.Items == stored.Count)
            ? tally.Copy()
            : null;
        if (counted is null && !stored.Complete)
        {
            stored = await _writes.ReadAllStoredAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
        }

        var hashes = stored.Hashes;
        activity?.SetTag("rpm.statistics.incremental", counted is not null);
        var reading = counted is not null || hashes.Count == 0
            ? Task.FromResult<IReadOnlyList<StoredEvidence>>([])
            : Task.Run(() => _writes.Records.GetEvidenceAsync(userId, task.Name, cancellationToken), cancellationToken);
        var extracting = _stages.Features.ExtractAsync(task, [item], usage, cancellationToken);
        await Task.WhenAll(extracting, reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var extracted = await extracting.ConfigureAwait(false);
        var features = new Dictionary<string, IReadOnlyList<Feature>>(StringComparer.Ordinal) { [item.Id] = extracted[item.Id] };
        var known = model?.Factors ?? [];
        var unmapped = FactorLabels.Unmapped(features[item.Id], known);
        var threshold = Math.Max(1, _options.Ingest.ReclusterAfterUnmappedLabels);

        // Stage 2 only when enough labels came in since the last clustering that no factor covers. Updating counts,
        // the item's new labels are clustered alone into the user's factors; labels waiting from earlier items are
        // carried by stored ones, which only a full recompute (every item's labels clustered again) can move.
        var items = new List<HistoryItem> { item };
        var reclustered = false;
        var movesStoredItems = false;
        if (counted is not null)
        {
            var pending = counted.Pending.Keys.Concat(unmapped.Where(l => !counted.Unmapped.ContainsKey(l))).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var due = unmapped.Count > 0 && pending >= threshold;
            if (due && counted.Pending.Count > 0)
            {
                counted = null;
                movesStoredItems = true;
                if (!stored.Complete)
                {
                    stored = await _writes.ReadAllStoredAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
                    hashes = stored.Hashes;
                }

                reading = Task.Run(() => _writes.Records.GetEvidenceAsync(userId, task.Name, cancellationToken), cancellationToken);
            }
            else
            {
                reclustered = due && await FactorExtension.ExtendAsync(_stages.Factors, task, counted, FactorLabels.Propose(items, features), Math.Max(1, _options.Ingest.MaxFactors),
                    Math.Max(2, _options.Ingest.ClusterChunkSize), usage, cancellationToken).ConfigureAwait(false);
                counted.Add(task, new TalliedItem(item.Id, contentHash, item.Answer, features[item.Id]), newLabelsPending: !due);
            }
        }

        IReadOnlyList<Factor> factors;
        if (counted is not null)
        {
            factors = counted.FactorList();
        }
        else
        {
            var others = (await reading.ConfigureAwait(false)).Where(r => r.ItemId != item.Id).ToList();
            items.InsertRange(0, others.Select(earlier => new HistoryItem(earlier.ItemId, "", earlier.Answer)));
            foreach (var earlier in others)
            {
                features[earlier.ItemId] = earlier.Features;
            }

            var since = model?.BuiltAt ?? DateTimeOffset.MinValue;
            var pending = FactorLabels.Unmapped(others.Where(r => r.CreatedAt > since).SelectMany(r => r.Features).Concat(features[item.Id]), known);
            reclustered = model is null || movesStoredItems || (unmapped.Count > 0 && pending.Count >= threshold);
            factors = reclustered
                ? await _stages.Factors.ClusterAsync(task, FactorLabels.Propose(items, features), Math.Max(1, _options.Ingest.MaxFactors),
                    Math.Max(2, _options.Ingest.ClusterChunkSize), usage, cancellationToken).ConfigureAwait(false)
                : known.Select(f => new Factor(f.Name, f.Description, f.Members)).ToList();
            counted = FactorTally.Supports(task)
                ? FactorTally.Build(task, factors, others.Select(r => new TalliedItem(r.ItemId, hashes.GetValueOrDefault(r.ItemId, ""), r.Answer, r.Features))
                    .Append(new TalliedItem(item.Id, contentHash, item.Answer, features[item.Id])), reclustered ? [] : pending)
                : null;
        }

        // Stage 3: statistics over every item, the new one included.
        var arguments = new KernelArguments { ["task"] = task, ["items"] = items, ["features"] = (IReadOnlyDictionary<string, IReadOnlyList<Feature>>)features, ["factors"] = factors };
        if (counted is not null)
        {
            arguments["tally"] = counted;
        }

        var statistics = (await _stages.Kernel.InvokeAsync(_stages.Statistics, arguments, cancellationToken).ConfigureAwait(false)).GetValue<IReadOnlyList<FactorStatistics>>() ?? [];

        // Stages 4 and 5: the new item's reasoning path and its record.
        var reasoning = await _stages.Reasoning.BuildAsync(task, FactorText.WithStatistics(statistics, counted?.Items ?? items.Count), [(item, features[item.Id])], usage, cancellationToken)
            .ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var record = ReasoningRecords.Create(userId, task, item, features[item.Id], reasoning[item.Id], _stages.Prompts.ActiveVersions,
            _stages.Models.ModelId(RpmStage.ConstructReasoning),
            _embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "", now);
        var vector = await _embeddings.GenerateVectorAsync(record.FeatureText, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Written again when the write overlapped the start of a reindex, which may have rebuilt the collection without it.
        await lease.WriteRecordsAsync(() => _writes.Records.UpsertAsync([record], [vector], CancellationToken.None)).ConfigureAwait(false);

        var updated = await _writes.SaveModelAsync(lease, userId, task.Name, storedCount => new UserModel
        {
            UserId = userId,
            Task = task.Name,
            ItemCount = storedCount,
            Factors = statistics,
            PromptVersions = reclustered || model is null ? _stages.Prompts.ActiveVersions : model.PromptVersions,
            Model = _stages.Models.ModelId(RpmStage.ConstructReasoning),
            Models = _stages.Models.ModelIds(StageChatSettings.IngestStages),
            // The time of the last clustering: labels of records stored after it count towards the next one.
            BuiltAt = reclustered || model is null ? now : model.BuiltAt,
        }, CancellationToken.None, counted, stored.Complete ? null : stored.Count + 1).ConfigureAwait(false);
        activity?.SetTag("rpm.reclustered", reclustered);
        return Result(userId, task, item, reused: false, reclustered, unmapped, updated, usage);
    }

    private static ObserveResult Result(
        string userId, TaskProfile task, HistoryItem item, bool reused, bool reclustered, IReadOnlyList<string> unmapped, UserModel model, UsageLedger usage) => new()
        {
            UserId = userId,
            Task = task.Name,
            ItemId = item.Id,
            Reused = reused,
            Reclustered = reclustered,
            UnmappedLabels = unmapped,
            Model = model,
            Usage = usage.Total,
        };
}
