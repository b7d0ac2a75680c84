using Microsoft.SemanticKernel;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>Stage 4: a personalized reasoning path for each item of a batch, keyed by item id.</summary>
internal sealed class ReasoningPathBuilder
{
    private readonly StageInvoker _invoker;

    /// <summary>Creates the stage.</summary>
    public ReasoningPathBuilder(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Writes <c>r_i = M(q_i, G_i, C_u, a_i)</c> for every item of <paramref name="batch"/> in one call.</summary>
    public async Task<IReadOnlyDictionary<string, string>> BuildAsync(
        TaskProfile task,
        string factorsText,
        IReadOnlyList<(HistoryItem Item, IReadOnlyList<Feature> Features)> batch,
        UsageLedger usage,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(batch);
        var keys = BatchKeys.For(batch.Count);
        var prompt = _invoker.Prompts.Get(RpmStage.ConstructReasoning);
        var schema = SchemaEditor.WithItemKeys(prompt.Schema, keys, prompt.Path);
        var arguments = new KernelArguments
        {
            ["task"] = TaskArguments.For(task),
            ["factors"] = factorsText,
            ["items"] = batch.Select((entry, i) => new Dictionary<string, object?>
            {
                ["key"] = keys[i],
                ["query"] = entry.Item.Query,
                ["features"] = FeatureText.Compose(entry.Features),
                ["answer"] = entry.Item.Answer,
            }).ToList(),
        };

        return await _invoker.InvokeAsync(RpmStage.ConstructReasoning, schema, arguments, reply =>
        {
            var paths = BatchKeys.ReadItems(reply, keys, (entry, where) => StageOutput.RequiredString(entry, "reasoning", where));
            return (IReadOnlyDictionary<string, string>)batch.Select((entry, i) => (entry.Item.Id, paths[i]))
                .ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        }, usage, cancellationToken).ConfigureAwait(false);
    }
}
