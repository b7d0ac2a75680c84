using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>
/// A user's own data as JSONL, one <c>{"user", "query", "answer", "id"?}</c> per line (blank lines
/// skipped; a missing id becomes <c>line-N</c>). Each user's items are split by <see cref="UserSplit"/>.
/// </summary>
public static class JsonlDataset
{
    /// <summary>Reads the file and yields one user per distinct <c>user</c>, in order of first appearance.</summary>
    public static async IAsyncEnumerable<EvalUser> ReadAsync(string path, int seed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var byUser = new Dictionary<string, List<HistoryItem>>(StringComparer.Ordinal);
        var order = new List<string>();
        await using (var stream = DatasetFiles.OpenRead(path, "JSONL"))
        {
            using var reader = new StreamReader(stream);
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (user, item) = Parse(line, number, path);
                if (!byUser.TryGetValue(user, out var items))
                {
                    byUser[user] = items = [];
                    order.Add(user);
                }

                if (items.Any(i => i.Id == item.Id))
                {
                    throw Error(path, number, $"repeats id '{item.Id}' of user '{user}'; ids must be unique per user.");
                }

                items.Add(item);
            }
        }

        foreach (var user in order)
        {
            var (history, targets) = UserSplit.Split(user, byUser[user], seed);
            if (targets.Count > 0)
            {
                yield return new EvalUser(user, history, targets.Select(t => new EvalTarget($"{user}/{t.Id}", t.Query, t.Answer)).ToList());
            }
        }
    }

    private static (string User, HistoryItem Item) Parse(string line, int number, string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Error(path, number, $"is not valid JSON ({DatasetFiles.Reason(ex)}).", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, number, $"is {JsonScalar.Describe(root.ValueKind)}, not an object {{\"user\", \"query\", \"answer\"}}.");
        }

        string Field(string name) => root.TryGetProperty(name, out var v) && JsonScalar.Text(v) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw Error(path, number, $"has no '{name}' (it must be a non-empty string); each line is {{\"user\", \"query\", \"answer\", \"id\"?}}.");
        var id = root.TryGetProperty("id", out var idValue) ? JsonScalar.Text(idValue) : null;
        return (Field("user"), new HistoryItem(string.IsNullOrWhiteSpace(id) ? string.Create(CultureInfo.InvariantCulture, $"line-{number}") : id, Field("query"), Field("answer")));
    }

    private static RpmInputException Error(string path, int line, string problem, Exception? inner = null)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"JSONL file '{path}' line {line} {problem}");
        return inner is null ? new RpmInputException(message) : new RpmInputException(message, inner);
    }
}
