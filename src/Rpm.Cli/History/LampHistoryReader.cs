using System.Globalization;
using System.Text.Json;
using Rpm.Core.Errors;
using Rpm.Core.History;

namespace Rpm.Cli.History;

/// <summary>
/// Reads one user's history from a LaMP questions file (<c>[{"id", "input", "profile": [...]}]</c>,
/// each entry a user whose id is the entry id). The file is streamed entry by entry, so only the
/// entry being looked at is in memory; errors name the JSON path, such as <c>$[3].profile[2].tag</c>.
/// </summary>
internal static class LampHistoryReader
{
    private const int IdsShown = 5;

    /// <summary>The history of one user (the entry whose id is <paramref name="userId"/>); only that entry is validated.</summary>
    public static async Task<IReadOnlyList<HistoryItem>> ReadAsync(string path, string userId, string task, CancellationToken cancellationToken)
    {
        var mapping = LampProfileMapping.For(task);
        var seenIds = new List<string>();
        await foreach (var (id, entry, at) in EntriesAsync(path, cancellationToken))
        {
            if (string.Equals(id, userId, StringComparison.Ordinal))
            {
                return Profile(entry, at, path, mapping);
            }

            seenIds.Add(id);
        }

        var sample = string.Join(", ", seenIds.Take(IdsShown)) + (seenIds.Count > IdsShown ? ", ..." : "");
        throw new RpmInputException(seenIds.Count == 0
            ? NoEntries(path)
            : string.Create(CultureInfo.InvariantCulture,
                $"User '{userId}' is not in LaMP file '{path}' (it holds {seenIds.Count} users: {sample}); pass one of its entry ids with --user."));
    }

    /// <summary>
    /// Every user of the file, in file order. The whole file is validated before anything is
    /// returned, so one malformed entry stops the ingest before any user is stored.
    /// </summary>
    public static async Task<IReadOnlyList<LampUser>> ReadAllAsync(string path, string task, CancellationToken cancellationToken)
    {
        var mapping = LampProfileMapping.For(task);
        var users = new List<LampUser>();
        var firstIndexOfUser = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (id, entry, at) in EntriesAsync(path, cancellationToken))
        {
            if (!firstIndexOfUser.TryAdd(id, at))
            {
                throw Error(path, at + ".id", $"'{id}' repeats the id of {firstIndexOfUser[id]}; every entry is a user and needs its own id.");
            }

            users.Add(new LampUser(id, Profile(entry, at, path, mapping)));
        }

        return users.Count > 0 ? users : throw new RpmInputException(NoEntries(path));
    }

    /// <summary>The entries of the file with their user id and JSON path, streamed one at a time; JSON errors name the path.</summary>
    private static async IAsyncEnumerable<(string Id, JsonElement Entry, string At)> EntriesAsync(
        string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = HistoryFiles.OpenRead(path);
        var entries = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (entries.ConfigureAwait(false))
        {
            for (var index = 0; await MoveNextAsync(entries, path).ConfigureAwait(false); index++)
            {
                var entry = entries.Current;
                var at = string.Create(CultureInfo.InvariantCulture, $"$[{index}]");
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw Error(path, at, $"is {JsonText.Describe(entry.ValueKind)}, not a LaMP entry {{\"id\", \"input\", \"profile\"}}.");
                }

                var id = entry.TryGetProperty("id", out var idValue) ? JsonText.Scalar(idValue) : null;
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw Error(path, at + ".id", "is missing or empty; every LaMP entry needs the id of its user.");
                }

                yield return (id, entry, at);
            }
        }
    }

    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<JsonElement> entries, string path)
    {
        try
        {
            return await entries.MoveNextAsync().ConfigureAwait(false);
        }
        catch (JsonException ex) when (ex.Path == "$" && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            throw new RpmInputException(
                $"LaMP file '{path}' is not a JSON array; a LaMP questions file is an array of {{\"id\", \"input\", \"profile\"}} entries, one per user.", ex);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $" (line {n + 1})") : "";
            throw new RpmInputException(
                $"LaMP file '{path}' is not valid JSON{where}{line}: {JsonText.FirstSentence(ex.Message)}. A LaMP questions file is a JSON array of {{\"id\", \"input\", \"profile\"}} entries.", ex);
        }
    }

    private static string NoEntries(string path) =>
        $"LaMP file '{path}' has no entries; it should be a JSON array of {{\"id\", \"input\", \"profile\"}} entries, one per user.";

    private static List<HistoryItem> Profile(JsonElement entry, string at, string path, LampProfileMapping mapping)
    {
        if (!entry.TryGetProperty("profile", out var profile) || profile.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, at + ".profile", "is missing or not an array; the entry's profile is the user's history.");
        }

        var items = new List<HistoryItem>();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = -1;
        foreach (var element in profile.EnumerateArray())
        {
            i++;
            var itemAt = string.Create(CultureInfo.InvariantCulture, $"{at}.profile[{i}]");
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, itemAt, $"is {JsonText.Describe(element.ValueKind)}, not a profile item object.");
            }

            var id = Field(element, "id", itemAt, path);
            if (!firstIndexOfId.TryAdd(id, i))
            {
                throw Error(path, itemAt + ".id", string.Create(CultureInfo.InvariantCulture,
                    $"'{id}' repeats the id of {at}.profile[{firstIndexOfId[id]}]; profile item ids must be unique."));
            }

            items.Add(new HistoryItem(id, Field(element, mapping.QueryField, itemAt, path), Field(element, mapping.AnswerField, itemAt, path)));
        }

        return items.Count > 0
            ? items
            : throw Error(path, at + ".profile", "is empty; the user needs at least one profile item to ingest.");
    }

    private static string Field(JsonElement item, string name, string at, string path)
    {
        var value = item.TryGetProperty(name, out var element) ? JsonText.Scalar(element) : null;
        return string.IsNullOrWhiteSpace(value)
            ? throw Error(path, $"{at}.{name}", "is missing or empty (or not a string); every profile item of this task needs it.")
            : value;
    }

    private static RpmInputException Error(string path, string jsonPath, string problem) =>
        new($"LaMP file '{path}': {jsonPath} {problem} Nothing was stored.");
}
