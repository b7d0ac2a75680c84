using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Which fields of a LaMP profile item are the query and the answer, per LaMP task, and the mapping of a profile to history items.</summary>
/// <param name="QueryField">The profile field that becomes the history item's query.</param>
/// <param name="AnswerField">The profile field that becomes its answer.</param>
public sealed record LampTaskFields(string QueryField, string AnswerField)
{
    /// <summary>The fields of <c>lamp2</c> (description → tag), <c>lamp3</c> (text → score) and <c>lamp5</c> (abstract → title).</summary>
    public static LampTaskFields For(string task) => TryFor(task, out var fields)
        ? fields
        : throw new RpmInputException(
            $"A LaMP questions file can be evaluated as lamp2, lamp3 or lamp5, not as task '{task}'; for your own data write JSONL lines {{\"user\", \"query\", \"answer\"}} (.jsonl).");

    /// <summary>The fields of <paramref name="task"/>; false when it is not a LaMP task with a profile mapping.</summary>
    public static bool TryFor(string task, [NotNullWhen(true)] out LampTaskFields? fields)
    {
        fields = task switch
        {
            "lamp2" => new("description", "tag"),
            "lamp3" => new("text", "score"),
            "lamp5" => new("abstract", "title"),
            _ => null,
        };
        return fields is not null;
    }

    /// <summary>
    /// The profile of <paramref name="entry"/> (the <paramref name="index"/>-th entry of <paramref name="path"/>)
    /// as history items; a missing field or a repeated item id is named by its JSON path, such as <c>$[3].profile[2].tag</c>.
    /// </summary>
    public IReadOnlyList<HistoryItem> History(LampEntry entry, int index, string path)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var items = new List<HistoryItem>(entry.Profile.Count);
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Profile.Count; i++)
        {
            var item = entry.Profile[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"$[{index}].profile[{i}]");
            if (!firstIndexOfId.TryAdd(item.Id, i))
            {
                throw LampQuestionsReader.Error(path, at + ".id", string.Create(CultureInfo.InvariantCulture,
                    $"'{item.Id}' repeats the id of $[{index}].profile[{firstIndexOfId[item.Id]}]; profile item ids must be unique."));
            }

            items.Add(new HistoryItem(item.Id, Field(item, QueryField, at, path), Field(item, AnswerField, at, path)));
        }

        return items;
    }

    private string Field(LampProfileItem item, string name, string at, string path) =>
        item.Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw LampQuestionsReader.Error(path, $"{at}.{name}",
                $"is missing or empty (or not a string); every profile item needs '{QueryField}' and '{AnswerField}' for this task. Is this the questions file of the task you named?");
}
