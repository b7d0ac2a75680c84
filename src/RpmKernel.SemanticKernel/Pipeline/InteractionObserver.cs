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
/// over every stored item (stage 3). Factors are clustered again (stage 2, over every item's labels)
/// only when <see cref="RpmIngestOptions.ReclusterAfterUnmappedLabels"/> distinct labels have come in
/// since the last clustering that none of the user's factors covers.
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
        var model = await _writes.Models.GetAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
        var hashes = await _writes.Records.GetContentHashesAsync(userId, task.Name, cancellationToken).ConfigureAwait(false);
        if (model is not null && hashes.TryGetValue(item.Id, out var hash) && hash == ItemContentHash.Of(item))
        {
            return Result(userId, task, item, reused: true, reclustered: false, [], model, usage);
        }

        // A user's records stay in one vector space: another embedding model is refused before any model call.
        await EmbeddingSpace.EnsureStoredAlikeAsync(_writes.Records, userId, task.Name, hashes.Keys, EmbeddingSpace.ModelOf(_embeddings), cancellationToken).ConfigureAwait(false);

        // Stage 1: the new item's features (the response cache answers a repeated item), while the
        // answers and features of the stored items load (a narrow read, not whole records).
        var reading = hashes.Count == 0
            ? Task.FromResult<IReadOnlyList<StoredEvidence>>([])
            : Task.Run(() => _writes.Records.GetEvidenceAsync(userId, task.Name, cancellationToken), cancellationToken);
        var extracting = _stages.Features.ExtractAsync(task, [item], usage, cancellationToken);
        await Task.WhenAll(extracting, reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var extracted = await extracting.ConfigureAwait(false);
        var stored = (await reading.ConfigureAwait(false)).Where(r => r.ItemId != item.Id).ToList();
        var features = new Dictionary<string, IReadOnlyList<Feature>>(StringComparer.Ordinal) { [item.Id] = extracted[item.Id] };
        var items = new List<HistoryItem>();
        foreach (var earlier in stored)
        {
            items.Add(new HistoryItem(earlier.ItemId, "", earlier.Answer));
            features[earlier.ItemId] = earlier.Features;
        }

        items.Add(item);

        // Stage 2 only when enough labels came in since the last clustering that no factor covers.
        var known = model?.Factors ?? [];
        var unmapped = FactorLabels.Unmapped(features[item.Id], known);
        var since = model?.BuiltAt ?? DateTimeOffset.MinValue;
        var pending = FactorLabels.Unmapped(stored.Where(r => r.CreatedAt > since).SelectMany(r => r.Features).Concat(features[item.Id]), known);
        var recluster = model is null || (unmapped.Count > 0 && pending.Count >= Math.Max(1, _options.Ingest.ReclusterAfterUnmappedLabels));
        IReadOnlyList<Factor> factors = recluster
            ? await _stages.Factors.ClusterAsync(task, FactorLabels.Propose(items, features), Math.Max(1, _options.Ingest.MaxFactors),
                Math.Max(2, _options.Ingest.ClusterChunkSize), usage, cancellationToken).ConfigureAwait(false)
            : known.Select(f => new Factor(f.Name, f.Description, f.Members)).ToList();

        // Stage 3: statistics over every item, the new one included.
        var statistics = (await _stages.Kernel.InvokeAsync(_stages.Statistics, new KernelArguments
        {
            ["task"] = task,
            ["items"] = items,
            ["features"] = (IReadOnlyDictionary<string, IReadOnlyList<Feature>>)features,
            ["factors"] = factors,
        }, cancellationToken).ConfigureAwait(false)).GetValue<IReadOnlyList<FactorStatistics>>() ?? [];

        // Stages 4 and 5: the new item's reasoning path and its record.
        var reasoning = await _stages.Reasoning.BuildAsync(task, FactorText.WithStatistics(statistics, items.Count), [(item, features[item.Id])], usage, cancellationToken)
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
            PromptVersions = recluster || model is null ? _stages.Prompts.ActiveVersions : model.PromptVersions,
            Model = _stages.Models.ModelId(RpmStage.ConstructReasoning),
            Models = _stages.Models.ModelIds(StageChatSettings.IngestStages),
            // The time of the last clustering: labels of records stored after it count towards the next one.
            BuiltAt = recluster || model is null ? now : model.BuiltAt,
        }, CancellationToken.None).ConfigureAwait(false);
        activity?.SetTag("rpm.reclustered", recluster);
        return Result(userId, task, item, reused: false, recluster, unmapped, updated, usage);
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
