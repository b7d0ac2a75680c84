using Rpm.Core.Errors;

namespace Rpm.Cli.History;

/// <summary>Which fields of a LaMP profile item are the query and the answer, per task.</summary>
/// <param name="QueryField">The profile field that becomes <c>query</c>.</param>
/// <param name="AnswerField">The profile field that becomes <c>answer</c>.</param>
internal sealed record LampProfileMapping(string QueryField, string AnswerField)
{
    public static LampProfileMapping For(string task) => task switch
    {
        "lamp2" => new("description", "tag"),
        "lamp3" => new("text", "score"),
        "lamp5" => new("abstract", "title"),
        _ => throw new RpmInputException(
            $"--format lamp supports lamp2, lamp3 and lamp5, not task '{task}'; convert the history to JSONL ({{\"id\", \"query\", \"answer\"}} per line) and use --format jsonl."),
    };
}
