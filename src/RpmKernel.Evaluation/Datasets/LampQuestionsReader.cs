using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// Streams a LaMP questions file (<c>[{"id", "input", "profile": [...]}]</c>) entry by entry, so a
/// file of hundreds of megabytes never has to fit in memory: only the entry being read is held.
/// Errors name the file, the JSON path (such as <c>$[3].profile[2].id</c>) and, for broken JSON, the line.
/// </summary>
public static class LampQuestionsReader
{
    /// <summary>
    /// Reads the entries of <paramref name="path"/> in file order; a file or entry past <paramref name="limits"/>
    /// (the default <see cref="RpmLimitsOptions"/> when null) is refused before it is buffered.
    /// </summary>
    public static async IAsyncEnumerable<LampEntry> ReadAsync(string path, RpmLimitsOptions? limits = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        limits ??= new RpmLimitsOptions();
        await using var stream = new BoundedReadStream(DatasetFiles.OpenRead(path, "LaMP questions"), path, limits.MaxHistoryFileBytes, limits.MaxLampEntryBytes);
        var entries = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken);
        await using var enumerator = entries.GetAsyncEnumerator(cancellationToken);
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; ; index++)
        {
            JsonElement entry;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                entry = enumerator.Current;
            }
            catch (JsonException ex) when (ex.Path == "$" && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            {
                throw new RpmInputException($"LaMP file '{path}' is not a JSON array; a LaMP questions file is an array of {{\"id\", \"input\", \"profile\"}} entries, one per user.", ex);
            }
            catch (JsonException ex)
            {
                throw DatasetFiles.InvalidJson(path, ex, "a LaMP questions file is a JSON array of {\"id\", \"input\", \"profile\"} entries", "LaMP file");
            }

            var at = string.Create(CultureInfo.InvariantCulture, $"$[{index}]");
            LampEntry parsed;
            try
            {
                parsed = Entry(entry, at, path);
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json checks UTF-8 only when a string is read, and says so this way.
                throw Error(path, at, "holds text that is not valid UTF-8; save the file as UTF-8.", ex);
            }

            stream.StartEntry();
            if (!firstIndexOfId.TryAdd(parsed.Id, index))
            {
                throw Error(path, string.Create(CultureInfo.InvariantCulture, $"$[{index}].id"),
                    string.Create(CultureInfo.InvariantCulture, $"'{parsed.Id}' repeats the id of $[{firstIndexOfId[parsed.Id]}]; every entry is a user and needs its own id."));
            }

            yield return parsed;
        }
    }

    private static LampEntry Entry(JsonElement entry, string at, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, at, $"is {JsonScalar.Describe(entry.ValueKind)}, not a LaMP entry {{\"id\", \"input\", \"profile\"}}.");
        }

        var id = Required(entry, "id", at, path, "every LaMP entry needs the id of its user");
        var input = Required(entry, "input", at, path, "the input is the target query");
        if (!entry.TryGetProperty("profile", out var profile) || profile.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, at + ".profile", "is missing or not an array; the profile is the user's history.");
        }

        var items = new List<LampProfileItem>(profile.GetArrayLength());
        var i = -1;
        foreach (var element in profile.EnumerateArray())
        {
            i++;
            var itemAt = string.Create(CultureInfo.InvariantCulture, $"{at}.profile[{i}]");
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, itemAt, $"is {JsonScalar.Describe(element.ValueKind)}, not a profile item object.");
            }

            var itemId = Required(element, "id", itemAt, path, "every profile item needs an id");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name != "id" && JsonScalar.Text(property.Value) is { } text)
                {
                    fields[property.Name] = text;
                }
            }

            items.Add(new LampProfileItem(itemId, fields));
        }

        return new LampEntry(id, input, items);
    }

    private static string Required(JsonElement element, string name, string at, string path, string why)
    {
        var value = element.TryGetProperty(name, out var v) ? JsonScalar.Text(v) : null;
        return string.IsNullOrWhiteSpace(value)
            ? throw Error(path, $"{at}.{name}", $"is missing or empty (or not a string); {why}.")
            : value;
    }

    /// <summary>An input error naming the file and the JSON path of the problem.</summary>
    internal static RpmInputException Error(string path, string jsonPath, string problem, Exception? inner = null) =>
        inner is null ? new($"LaMP file '{path}': {jsonPath} {problem}") : new($"LaMP file '{path}': {jsonPath} {problem}", inner);
}
