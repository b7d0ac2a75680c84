using Microsoft.SemanticKernel;
using Rpm.Core.Features;
using Rpm.Core.History;
using Rpm.Core.Tasks;
using Rpm.SemanticKernel.Prompts;
using Rpm.SemanticKernel.Schemas;

namespace Rpm.SemanticKernel.Stages;

/// <summary>Stage 1: the response-influencing features of a batch of history items, keyed by item id.</summary>
public sealed class FeatureExtractor
{
    private readonly StageInvoker _invoker;

    /// <summary>Creates the stage.</summary>
    public FeatureExtractor(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Extracts features for every item of <paramref name="batch"/> in one model call.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Feature>>> ExtractAsync(
        TaskProfile task, IReadOnlyList<HistoryItem> batch, UsageLedger usage, CancellationToken cancellationToken = default)
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

        return await _invoker.InvokeAsync(RpmStage.ExtractFeatures, schema, arguments, reply =>
        {
            var features = BatchKeys.ReadItems(reply, keys, (entry, where) => FeatureReader.Read(entry, where, allowedFactors: null));
            return (IReadOnlyDictionary<string, IReadOnlyList<Feature>>)batch.Select((item, i) => (item.Id, features[i]))
                .ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        }, usage, cancellationToken).ConfigureAwait(false);
    }
}
