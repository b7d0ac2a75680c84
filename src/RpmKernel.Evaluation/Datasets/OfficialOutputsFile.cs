using System.Globalization;
using System.Text.Json;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Reads and writes official-format outputs files; a malformed file is an input error naming the file and the JSON path.</summary>
public static class OfficialOutputsFile
{
    /// <summary>The task name LaMP writes in its files for a bundled task (<c>lamp2</c> → <c>LaMP_2</c>), else the task name itself.</summary>
    public static string OfficialTaskName(string task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        return task.StartsWith("lamp", StringComparison.OrdinalIgnoreCase) && task.Length > 4 && char.IsAsciiDigit(task[4])
            ? "LaMP_" + task[4..]
            : task;
    }

    /// <summary>Reads an outputs file.</summary>
    public static async Task<OfficialOutputs> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = DatasetFiles.OpenRead(path, "outputs");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw DatasetFiles.InvalidJson(path, ex, "an outputs file is {\"task\", \"golds\": [{\"id\", \"output\"}]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "$", "is not an object {\"task\", \"golds\": [{\"id\", \"output\"}]}.");
            }

            var task = root.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
            if (!root.TryGetProperty("golds", out var golds) || golds.ValueKind != JsonValueKind.Array)
            {
                throw Error(path, "$.golds", "is missing or not an array of {\"id\", \"output\"}.");
            }

            var outputs = new List<OfficialOutput>(golds.GetArrayLength());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = -1;
            foreach (var item in golds.EnumerateArray())
            {
                index++;
                var at = string.Create(CultureInfo.InvariantCulture, $"$.golds[{index}]");
                var id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var idValue) ? JsonScalar.Text(idValue) : null;
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw Error(path, at + ".id", "is missing or empty; every output needs the id of its example.");
                }

                if (!seen.Add(id))
                {
                    throw Error(path, at + ".id", $"'{id}' appears twice; ids must be unique.");
                }

                var output = item.TryGetProperty("output", out var outputValue) ? JsonScalar.Text(outputValue) : null;
                outputs.Add(new OfficialOutput(id, output ?? throw Error(path, at + ".output", "is missing or not a string or number.")));
            }

            return new OfficialOutputs(task, outputs);
        }
    }

    /// <summary>Writes an outputs file (indented, UTF-8), replacing any file at <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, OfficialOutputs outputs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(outputs);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            var document = new { task = outputs.Task, golds = outputs.Golds.Select(g => new { id = g.Id, output = g.Output }) };
            await JsonSerializer.SerializeAsync(stream, document, s_indented, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private static RpmInputException Error(string path, string jsonPath, string problem) =>
        new($"Outputs file '{path}': {jsonPath} {problem}");
}
