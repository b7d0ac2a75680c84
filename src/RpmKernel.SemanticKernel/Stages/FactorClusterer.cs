using System.Text;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Factors;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Stage 2: merges distinct proposed factor labels into canonical user factors. A list longer than
/// one call holds (<see cref="ChunkTokenBudget"/> estimated tokens, the chunk size in labels, or an enum of
/// labels longer than a strict schema takes: <see cref="LargeEnumCharacters"/>) is
/// clustered in chunks whose factors are then clustered again (hierarchically), so the call size
/// stays bounded however long the history is. Chunks are cut by tokens rather than a small label
/// count, so 1,000 items need two levels (a handful of chunks, then one merge) instead of dozens of calls.
/// </summary>
internal sealed class FactorClusterer
{
    /// <summary>Estimated prompt tokens of the label lines of one clustering call.</summary>
    internal const int ChunkTokenBudget = 12_000;

    /// <summary>
    /// The labels of a chunk are the string enum of its reply schema's members. OpenAI's strict schemas take
    /// an enum of more than <see cref="LargeEnumLabels"/> strings only when they add up to at most this
    /// many characters (counted here in UTF-8 bytes, which is never fewer).
    /// </summary>
    internal const int LargeEnumCharacters = 15_000;

    /// <summary>The most enum strings a strict schema takes without the <see cref="LargeEnumCharacters"/> limit.</summary>
    internal const int LargeEnumLabels = 250;

    private readonly StageInvoker _invoker;

    /// <summary>Creates the stage.</summary>
    public FactorClusterer(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Clusters <paramref name="labels"/> into at most <paramref name="maxFactors"/> factors.</summary>
    public async Task<IReadOnlyList<Factor>> ClusterAsync(
        TaskProfile task, IReadOnlyList<ProposedLabel> labels, int maxFactors, int chunkSize, UsageLedger usage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFactors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 2);
        var chunks = Chunks(labels.OrderByDescending(l => l.Count), chunkSize);
        if (chunks.Count <= 1)
        {
            return await ClusterOnceAsync(task, labels, Math.Min(maxFactors, labels.Count), usage, cancellationToken).ConfigureAwait(false);
        }

        // Each chunk must come back with fewer factors than it had labels, so every round shrinks the list.
        // One round: with the Batch API on, the chunks' calls go out as one batch.
        var chunkFactors = new IReadOnlyList<Factor>[chunks.Count];
        await BatchRound.WhenAll(Enumerable.Range(0, chunks.Count).ToList(), async i =>
            chunkFactors[i] = await ClusterOnceAsync(task, chunks[i], Math.Max(1, Math.Min(maxFactors, chunks[i].Length - 1)), usage, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

        // Factors of different chunks with the same name are one factor before the merge round.
        var counts = labels.ToDictionary(l => l.Label, l => l.Count, StringComparer.OrdinalIgnoreCase);
        var partial = chunkFactors.SelectMany(f => f)
            .GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Factor(g.First().Name, g.First().Description, g.SelectMany(f => f.Members).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();
        var merged = await ClusterAsync(
            task,
            partial.Select(f => new ProposedLabel(f.Name, f.Members.Sum(m => counts.GetValueOrDefault(m)), f.Members.Take(5).ToList())).ToList(),
            maxFactors,
            chunkSize,
            usage,
            cancellationToken).ConfigureAwait(false);
        var byName = partial.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        return merged
            .Select(f => f with { Members = f.Members.SelectMany(m => byName.TryGetValue(m, out var p) ? p.Members : [m]).Distinct(StringComparer.OrdinalIgnoreCase).ToList() })
            .ToList();
    }

    /// <summary>
    /// Cuts the labels into chunks of at most <paramref name="chunkSize"/> labels and
    /// <see cref="ChunkTokenBudget"/> estimated tokens (about four characters a token), whose labels a strict
    /// schema takes as one enum (<see cref="LargeEnumCharacters"/>), at least two labels each.
    /// </summary>
    internal static List<ProposedLabel[]> Chunks(IEnumerable<ProposedLabel> labels, int chunkSize)
    {
        var chunks = new List<ProposedLabel[]>();
        var current = new List<ProposedLabel>();
        var tokens = 0;
        var characters = 0;
        foreach (var label in labels)
        {
            var cost = EstimatedTokens(label);
            var length = Encoding.UTF8.GetByteCount(label.Label);
            var enumTooLong = current.Count + 1 > LargeEnumLabels && characters + length > LargeEnumCharacters;
            if (current.Count >= 2 && (current.Count >= chunkSize || tokens + cost > ChunkTokenBudget || enumTooLong))
            {
                chunks.Add([.. current]);
                current.Clear();
                tokens = 0;
                characters = 0;
            }

            current.Add(label);
            tokens += cost;
            characters += length;
        }

        if (current.Count > 0)
        {
            chunks.Add([.. current]);
        }

        return chunks;
    }

    // The label, its count and up to three examples, as the prompt lists them, plus the label again in the schema's enum.
    private static int EstimatedTokens(ProposedLabel label) =>
        8 + ((2 * label.Label.Length) + label.Examples.Take(3).Sum(e => e.Length + 2)) / 4;

    private async Task<IReadOnlyList<Factor>> ClusterOnceAsync(
        TaskProfile task, IReadOnlyList<ProposedLabel> labels, int maxFactors, UsageLedger usage, CancellationToken cancellationToken)
    {
        switch (labels.Count)
        {
            case 0:
                return [];
            case 1:
                // A single label is its own factor; there is nothing to merge.
                return [new Factor(labels[0].Label, $"Considerations labelled '{labels[0].Label}'.", [labels[0].Label])];
        }

        var prompt = _invoker.Prompts.Get(RpmStage.ClusterFactors);
        var names = labels.Select(l => l.Label).ToList();
        var schema = SchemaEditor.Replace(prompt.Schema, prompt.Path,
            SchemaEditor.StringEnum(names), "properties", "factors", "items", "properties", "members", "items");
        var arguments = new KernelArguments
        {
            ["task"] = TaskArguments.For(task),
            ["max_factors"] = maxFactors,
            ["labels"] = labels.Select(l => new Dictionary<string, object?>
            {
                ["label"] = l.Label,
                ["count"] = l.Count,
                ["examples"] = string.Join("; ", l.Examples.Take(3)),
            }).ToList(),
        };

        return await _invoker.InvokeAsync(RpmStage.ClusterFactors, schema, arguments,
            reply => Read(reply, names, maxFactors), usage, cancellationToken).ConfigureAwait(false);
    }

    private static List<Factor> Read(JsonObject reply, IReadOnlyList<string> labels, int maxFactors)
    {
        var array = StageOutput.RequiredArray(reply, "factors", "reply");
        if (array.Count == 0 || array.Count > maxFactors)
        {
            throw new StageOutputException($"reply.factors has {array.Count} factors; give between 1 and {maxFactors}");
        }

        var factors = new List<Factor>();
        var assigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"reply.factors[{i}]";
            var node = array[i] as JsonObject ?? throw new StageOutputException($"{at} must be an object");
            var name = StageOutput.RequiredString(node, "name", at);
            if (factors.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new StageOutputException($"factor name '{name}' is used twice; factor names must be distinct");
            }

            var members = new List<string>();
            foreach (var member in StageOutput.RequiredArray(node, "members", at))
            {
                var text = member?.ToString().Trim() ?? "";
                var label = labels.FirstOrDefault(l => string.Equals(l, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw new StageOutputException($"{at}.members has '{text}', which is not one of the proposed labels");

                // A label listed by two factors counts for the first one only, so statistics never count it twice.
                if (assigned.Add(label))
                {
                    members.Add(label);
                }
            }

            var description = node["description"] is JsonValue d && d.TryGetValue<string>(out var s) ? s.Trim() : "";
            factors.Add(new Factor(name, description, members));
        }

        return factors;
    }
}
