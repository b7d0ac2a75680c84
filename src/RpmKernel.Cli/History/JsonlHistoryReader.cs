using System.Globalization;
using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.History;

/// <summary>
/// Reads a JSONL history (one <c>{"id", "query", "answer", "timestamp"?}</c> per line), validating
/// every line before anything is returned, so a bad line stops the ingest before anything is stored.
/// </summary>
internal static class JsonlHistoryReader
{
    private const string Expected = "each line must be one JSON object with non-empty \"id\", \"query\" and \"answer\" (and an optional ISO 8601 \"timestamp\")";

    public static async Task<IReadOnlyList<HistoryItem>> ReadAsync(string path, RpmLimitsOptions limits, CancellationToken cancellationToken)
    {
        await using var stream = HistoryFiles.OpenRead(path);
        var items = new List<HistoryItem>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (lineNumber, line) in BoundedLineReader.ReadAsync(stream, path, limits.MaxHistoryLineBytes, limits.MaxHistoryFileBytes, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (items.Count == 0 && LooksLikeJsonArrayOfObjects(line))
            {
                throw new RpmInputException(
                    $"The history file '{path}' starts with '[': it looks like a LaMP questions file (a JSON array of users), not JSONL. Pass --format lamp (with --user ID for one entry, or without --user for every user). Nothing was stored.");
            }

            var item = Parse(line, path, lineNumber);
            if (!firstLineOfId.TryAdd(item.Id, lineNumber))
            {
                throw Error(path, lineNumber, $"id '{item.Id}' is already used on line {firstLineOfId[item.Id]}; give every item a unique \"id\".");
            }

            items.Add(item);
        }

        return items.Count > 0
            ? items
            : throw new RpmInputException($"The history file '{path}' has no items; {Expected}.");
    }

    /// <summary>A LaMP file opens a JSON array of objects: <c>[</c> alone on the line, or <c>[{</c>; a JSONL line holding an array of values does not.</summary>
    private static bool LooksLikeJsonArrayOfObjects(string line)
    {
        var trimmed = line.Trim();
        return trimmed == "[" || (trimmed.StartsWith('[') && trimmed[1..].TrimStart().StartsWith('{'));
    }

    private static HistoryItem Parse(string line, string path, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw Error(path, lineNumber, $"not valid JSON at character {(ex.BytePositionInLine ?? 0) + 1} ({FirstSentence(ex.Message)}); {Expected}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, lineNumber, $"expected a JSON object but found {JsonScalar.Describe(root.ValueKind)}; {Expected}.");
            }

            var id = RequiredText(root, "id", path, lineNumber);
            var query = RequiredText(root, "query", path, lineNumber);
            var answer = RequiredText(root, "answer", path, lineNumber);
            return new HistoryItem(id, query, answer, Timestamp(root, path, lineNumber));
        }
    }

    private static string RequiredText(JsonElement root, string name, string path, int lineNumber)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw Error(path, lineNumber, $"\"{name}\" is missing; {Expected}.");
        }

        // Numbers are accepted because ids and rating answers are often written as numbers.
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Error(path, lineNumber, $"\"{name}\" is {JsonScalar.Describe(value.ValueKind)}, not a string; {Expected}."),
        };
        return string.IsNullOrWhiteSpace(text)
            ? throw Error(path, lineNumber, $"\"{name}\" is empty; {Expected}.")
            : text;
    }

    private static DateTimeOffset? Timestamp(JsonElement root, string path, int lineNumber)
    {
        if (!root.TryGetProperty("timestamp", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp;
        }

        throw Error(path, lineNumber, $"\"timestamp\" {value.GetRawText()} is not a date; write it as ISO 8601 (for example \"2024-05-01T12:00:00Z\") or leave it out.");
    }

    /// <summary>A <see cref="JsonException"/> message without the "Path: ... LineNumber: ..." tail; the error names the line itself.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    private static RpmInputException Error(string path, int lineNumber, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"History file '{path}', line {lineNumber}: {problem} Nothing was stored."));
}
