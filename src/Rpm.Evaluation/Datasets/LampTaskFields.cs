using Rpm.Core.Errors;

namespace Rpm.Evaluation.Datasets;

/// <summary>Which fields of a LaMP profile item are the query and the answer, per LaMP task.</summary>
/// <param name="QueryField">The profile field that becomes the history item's query.</param>
/// <param name="AnswerField">The profile field that becomes its answer.</param>
public sealed record LampTaskFields(string QueryField, string AnswerField)
{
    /// <summary>The fields of <c>lamp2</c> (description → tag), <c>lamp3</c> (text → score) and <c>lamp5</c> (abstract → title).</summary>
    public static LampTaskFields For(string task) => task switch
    {
        "lamp2" => new("description", "tag"),
        "lamp3" => new("text", "score"),
        "lamp5" => new("abstract", "title"),
        _ => throw new RpmInputException(
            $"A LaMP questions file can be evaluated as lamp2, lamp3 or lamp5, not as task '{task}'; for your own data write JSONL lines {{\"user\", \"query\", \"answer\"}} (.jsonl)."),
    };
}
