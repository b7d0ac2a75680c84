using System.Globalization;
using RpmKernel.Core.Errors;

namespace RpmKernel.Cli.History;

/// <summary>
/// The query of <c>personalize</c>: <c>--query TEXT</c>, <c>--query -</c> (read from stdin) or
/// <c>--query-file FILE</c>; what is read is bounded by <c>Rpm:Limits:MaxQueryCharacters</c> before
/// it is held in full.
/// </summary>
internal static class QueryInput
{
    public const string StdinMarker = "-";

    public static async Task<string> ReadAsync(string? query, string? queryFile, TextReader stdin, int maxCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        if ((query is null) == (queryFile is null))
        {
            throw new RpmInputException("Give the query once: --query TEXT, --query - to read it from stdin, or --query-file FILE.");
        }

        if (queryFile is not null)
        {
            HistoryFiles.ThrowIfMissingFile(queryFile, "--query-file");
            using var reader = new StreamReader(queryFile);
            return await ReadBoundedAsync(reader, $"the file '{queryFile}'", maxCharacters, cancellationToken);
        }

        return query == StdinMarker
            ? await ReadBoundedAsync(stdin, "stdin", maxCharacters, cancellationToken)
            : query!;
    }

    private static async Task<string> ReadBoundedAsync(TextReader reader, string where, int maxCharacters, CancellationToken cancellationToken)
    {
        var buffer = new char[maxCharacters + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > maxCharacters)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The query from {where} is longer than {maxCharacters} characters (Rpm:Limits:MaxQueryCharacters); shorten it or raise the limit."));
        }

        return new string(buffer, 0, read).Trim();
    }
}
