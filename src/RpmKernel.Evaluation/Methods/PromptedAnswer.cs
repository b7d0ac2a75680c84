using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Answers;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Schemas;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>
/// Asks a baseline or ablation prompt for an answer: the prompt's schema with the task's allowed
/// answers (the same refinement stage 8 uses), and an answer the task profile cannot parse sent
/// back to the model for repair.
/// </summary>
internal static class PromptedAnswer
{
    public static async Task<string> AskAsync(
        EvalServices services, string promptKey, TaskProfile task, string query, KernelArguments arguments, UsageLedger usage, CancellationToken cancellationToken)
    {
        var prompt = services.Invoker.Prompts.Get(promptKey);
        var schema = SchemaEditor.Replace(prompt.Schema, prompt.Path, ReasoningAlignedGenerator.AnswerSchema(task, query), "properties", "answer");
        arguments["task"] = TaskArguments.For(task);
        arguments["query"] = query;
        return await services.Invoker.InvokeAsync(promptKey, schema, arguments, reply => Read(task, query, reply), usage, cancellationToken).ConfigureAwait(false);
    }

    public static List<Dictionary<string, object?>> Examples(IEnumerable<(string Query, string Answer)> items) =>
        items.Select((e, i) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["rank"] = i + 1,
            ["query"] = e.Query,
            ["answer"] = e.Answer,
        }).ToList();

    private static string Read(TaskProfile task, string query, JsonObject reply)
    {
        var raw = reply["answer"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => throw new StageOutputException("reply.answer is missing"),
        };
        var parsed = AnswerParser.Parse(task, raw, query);
        return parsed.Success ? parsed.Value! : throw new StageOutputException($"reply.answer is not acceptable: {parsed.Error}");
    }
}
