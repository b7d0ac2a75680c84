using Rpm.Core.Errors;
using Rpm.Core.History;

namespace Rpm.SemanticKernel.Pipeline;

/// <summary>Refuses a history with missing or duplicate fields before anything is written.</summary>
internal static class HistoryValidator
{
    public static void Validate(string userId, IReadOnlyList<HistoryItem> items)
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
}
