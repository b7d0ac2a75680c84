using System.Globalization;
using System.Text.Json;
using RpmKernel.Core.Errors;

namespace RpmKernel.Evaluation.Datasets;

/// <summary>Opening dataset files and wording their errors: every message names the file, and the line or JSON path.</summary>
internal static class DatasetFiles
{
    public static FileStream OpenRead(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new RpmInputException($"The {what} file '{path}' does not exist; check the path.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
    }

    public static RpmInputException InvalidJson(string path, JsonException ex, string expected, string file = "File")
    {
        var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
        var line = ex.LineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $" (line {n + 1})") : "";
        return new RpmInputException($"{file} '{path}' is not valid JSON{where}{line}: {Reason(ex)}; {expected}.", ex);
    }

    /// <summary>The first sentence of a <see cref="JsonException"/> message, without its final period.</summary>
    public static string Reason(JsonException ex) => ex.Message.Split(". ", 2)[0].TrimEnd('.');
}
