using System.Globalization;
using RpmKernel.Core.Tasks;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>The <c>task</c> template argument: what every stage prompt knows about the task.</summary>
internal static class TaskArguments
{
    public static Dictionary<string, object?> For(TaskProfile task) => new(StringComparer.Ordinal)
    {
        ["name"] = task.Name,
        ["kind"] = task.Kind.ToString().ToLowerInvariant(),
        ["description"] = string.IsNullOrWhiteSpace(task.Description) ? task.Instruction : task.Description,
        ["instruction"] = task.Instruction,
        ["answer_rule"] = AnswerRule(task),
    };

    private static string AnswerRule(TaskProfile task) => task.Kind switch
    {
        TaskKind.Classification => "exactly one of these labels: " + string.Join(", ", task.Labels),
        TaskKind.Rating => string.Create(CultureInfo.InvariantCulture, $"one integer from {task.MinScore} to {task.MaxScore}"),
        TaskKind.Opinion => "exactly one of the options listed in the query, copied as written",
        _ => "the answer text only, with no preamble",
    };
}
