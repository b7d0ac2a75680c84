using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Stage 1: the response-influencing features of a batch of history items, keyed by item id.</summary>
internal sealed class FeatureExtractor
{
    private readonly StageInvoker _invoker;

    /// <summary>Creates the stage.</summary>
    public FeatureExtractor(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Extracts features for every item of <paramref name="batch"/> in one model call.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<Feature>>> ExtractAsync(
        TaskProfile task, IReadOnlyList<HistoryItem> batch, UsageLedger usage, CancellationToken cancellationToken = default)
    {
        var (schema, arguments, read) = Request(task, batch);
        return _invoker.InvokeAsync(RpmStage.ExtractFeatures, schema, arguments, read, usage, cancellationToken);
    }

    /// <summary>
    /// The features of <paramref name="batch"/> if the response cache holds the answer to this very
    /// batch, or null; never calls the model. A rerun uses it to recover a batch that completed
    /// before a crash even when some of its items were stored since.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Feature>>?> TryExtractCachedAsync(
        TaskProfile task, IReadOnlyList<HistoryItem> batch, UsageLedger usage, CancellationToken cancellationToken = default)
    {
        var (schema, arguments, read) = Request(task, batch);
        var (found, features) = await _invoker.TryCachedAsync(RpmStage.ExtractFeatures, schema, arguments, read, usage, cancellationToken).ConfigureAwait(false);
        return found ? features : null;
    }

    private (JsonObject Schema, KernelArguments Arguments, Func<JsonObject, IReadOnlyDictionary<string, IReadOnlyList<Feature>>> Read) Request(
        TaskProfile task, IReadOnlyList<HistoryItem> batch)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(batch);
        var keys = BatchKeys.For(batch.Count);
        var prompt = _invoker.Prompts.Get(RpmStage.ExtractFeatures);
        var schema = SchemaEditor.WithItemKeys(prompt.Schema, keys, prompt.Path);
        var arguments = new KernelArguments
        {
            ["task"] = TaskArguments.For(task),
            ["items"] = batch.Select((item, i) => new Dictionary<string, object?>
            {
                ["key"] = keys[i],
                ["query"] = item.Query,
                ["answer"] = item.Answer,
            }).ToList(),
        };

        IReadOnlyDictionary<string, IReadOnlyList<Feature>> Read(JsonObject reply)
        {
            var features = BatchKeys.ReadItems(reply, keys, (entry, where) => FeatureReader.Read(entry, where, allowedFactors: null));
            return batch.Select((item, i) => (item.Id, features[i])).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        }

        return (schema, arguments, Read);
    }
}
