using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Answers;
using RpmKernel.Core.Records;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Schemas;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Stage 8: answers a new query like the user, from its features, the factor statistics and the
/// retrieved reasoning-enhanced examples. For discrete tasks the output schema only admits the
/// task's answers (labels, a score range, or the options listed in the query).
/// </summary>
internal sealed class ReasoningAlignedGenerator
{
    private readonly StageInvoker _invoker;
    private readonly RefinedSchemaCache _schemas = new();

    /// <summary>Creates the stage.</summary>
    public ReasoningAlignedGenerator(StageInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
    }

    /// <summary>Generates and parses the answer.</summary>
    public async Task<GeneratedAnswer> GenerateAsync(
        TaskProfile task,
        string query,
        string featureText,
        string factorsText,
        IReadOnlyList<ScoredRecord> examples,
        UsageLedger usage,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentNullException.ThrowIfNull(examples);
        var prompt = _invoker.Prompts.Get(RpmStage.Generate);
        var schema = _schemas.Replace(prompt.Schema, prompt.Path, AnswerSchema(task, query), "properties", "answer");
        var arguments = new KernelArguments
        {
            ["task"] = TaskArguments.For(task),
            ["query"] = query,
            ["features"] = featureText,
            ["factors"] = factorsText,
            ["examples"] = examples.Select((e, i) => new Dictionary<string, object?>
            {
                ["rank"] = i + 1,
                ["score"] = e.Score.ToString("0.00", CultureInfo.InvariantCulture),
                ["query"] = e.Record.Query,
                ["features"] = e.Record.FeatureText,
                ["reasoning"] = e.Record.Reasoning,
                ["answer"] = e.Record.Answer,
            }).ToList(),
        };

        return await _invoker.InvokeAsync(RpmStage.Generate, schema, arguments, reply =>
        {
            var reasoning = StageOutput.RequiredString(reply, "reasoning", "reply");
            var raw = reply["answer"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                _ => throw new StageOutputException("reply.answer is missing"),
            };
            var parsed = AnswerParser.Parse(task, raw, query);
            return parsed.Success
                ? new GeneratedAnswer(parsed.Value!, reasoning)
                : throw new StageOutputException($"reply.answer is not acceptable: {parsed.Error}");
        }, usage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema of the answer for the task (and, for opinion tasks, the query's options).</summary>
    internal static JsonObject AnswerSchema(TaskProfile task, string query) => task.Kind switch
    {
        TaskKind.Classification => SchemaEditor.StringEnum(task.Labels),
        // An enum of the scores rather than minimum/maximum: every server with structured outputs supports enums.
        TaskKind.Rating => new JsonObject
        {
            ["type"] = "integer",
            ["enum"] = new JsonArray(Enumerable.Range(task.MinScore ?? 1, (task.MaxScore ?? 5) - (task.MinScore ?? 1) + 1).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        },
        TaskKind.Opinion when OpinionOptions.Extract(query) is { Count: > 0 } options => SchemaEditor.StringEnum(options.Select(o => o.Text)),
        _ => new JsonObject { ["type"] = "string" },
    };
}
