using System.Globalization;
using RpmKernel.Core.Answers;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Refuses a history with missing, duplicate or oversized fields before anything is written.</summary>
internal static class HistoryValidator
{
    /// <summary>Checks the fields, then the size limits of <paramref name="limits"/>.</summary>
    public static void Validate(string userId, IReadOnlyList<HistoryItem> items, RpmIngestOptions limits, int maxIdCharacters)
    {
        Validate(userId, items);
        if (items.Count > limits.MaxItems)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The history of user '{userId}' has {items.Count} items; one ingest takes at most {limits.MaxItems} (Rpm:Ingest:MaxItems). Split the history into several ingests or raise the limit."));
        }

        foreach (var item in items)
        {
            if (item.Id.Length > maxIdCharacters)
            {
                throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                    $"A history item id has {item.Id.Length} characters; the limit is {maxIdCharacters} (Rpm:Limits:MaxIdCharacters). Use shorter item ids. Nothing was stored."));
            }

            RequireWithin(item, "query", item.Query, limits.MaxItemCharacters);
            RequireWithin(item, "answer", item.Answer, limits.MaxItemCharacters);
        }
    }

    /// <summary>Refuses an empty query or one longer than <paramref name="maxCharacters"/>.</summary>
    public static void RequireQuery(string query, int maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new RpmInputException("The query is empty; pass the text to answer for the user.");
        }

        if (query.Length > maxCharacters)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The query has {query.Length} characters; the limit is {maxCharacters} (Rpm:Limits:MaxQueryCharacters). Shorten the query or raise the limit."));
        }
    }

    /// <summary>Refuses an item whose answer the task profile does not accept (a label outside the list, a score out of range).</summary>
    public static void ValidateAnswers(TaskProfile task, IReadOnlyList<HistoryItem> items)
    {
        foreach (var item in items)
        {
            var parsed = AnswerParser.Parse(task, item.Answer, item.Query);
            if (!parsed.Success)
            {
                throw new RpmInputException($"History item '{item.Id}' has an answer that task '{task.Name}' does not accept: {parsed.Error} Fix the item or pick the right --task.");
            }
        }
    }

    private static void Validate(string userId, IReadOnlyList<HistoryItem> items)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new RpmInputException("The user id is empty; pass the id of the user whose history this is.");
        }

        if (items.Count == 0)
        {
            throw new RpmInputException($"The history of user '{userId}' is empty; give at least one (query, answer) item.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var where = $"history item {i + 1}" + (string.IsNullOrWhiteSpace(item?.Id) ? "" : $" (id '{item.Id}')");
            if (item is null || string.IsNullOrWhiteSpace(item.Id))
            {
                throw new RpmInputException($"{where} has no id; give every item a unique \"id\".");
            }

            if (string.IsNullOrWhiteSpace(item.Query))
            {
                throw new RpmInputException($"{where} has an empty query; every item needs a non-empty \"query\".");
            }

            if (string.IsNullOrWhiteSpace(item.Answer))
            {
                throw new RpmInputException($"{where} has an empty answer; every item needs a non-empty \"answer\".");
            }

            if (!seen.Add(item.Id))
            {
                throw new RpmInputException($"{where} repeats an id used earlier; item ids must be unique within a user's history.");
            }
        }
    }

    private static void RequireWithin(HistoryItem item, string field, string text, int limit)
    {
        if (text.Length > limit)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"History item '{item.Id}' has a {field} of {text.Length} characters; the limit is {limit} (Rpm:Ingest:MaxItemCharacters). Shorten the {field} or raise the limit. Nothing was stored."));
        }
    }
}
