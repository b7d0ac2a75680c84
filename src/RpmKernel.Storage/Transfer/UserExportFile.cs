using System.Globalization;
using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Transfer;

/// <summary>A whole export, read and checked: the header and its records, models and usage rows, all of the header's user.</summary>
internal sealed class UserExportFile
{
    // A record line holds a query, answer, reasoning and a vector of a few thousand floats at most.
    private const int MaxLineCharacters = 4 * 1024 * 1024;

    private UserExportFile(UserExportHeader header) => Header = header;

    public UserExportHeader Header { get; }

    public List<(ReasoningRecord Record, float[] Embedding)> Records { get; } = [];

    public List<UserModel> UserModels { get; } = [];

    public List<UsageRow> UsageRows { get; } = [];

    /// <summary>The tasks the file holds data of, in ordinal order.</summary>
    public IReadOnlyList<string> Tasks => [.. Records.Select(r => r.Record.Task).Concat(UserModels.Select(m => m.Task)).Concat(UsageRows.Select(r => r.Task))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static async Task<UserExportFile> ReadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var lines = new ExportLineReader(reader, MaxLineCharacters);
        var first = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RpmInputException("The export is empty; its first line must be the header written by `rpmk export`.");
        var file = new UserExportFile(ReadHeader(first));
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                file.Add(Parse<UserExportEntry>(line, lines.LineNumber), lines.LineNumber);
            }
        }

        file.CheckCounts();
        return file;
    }

    private static UserExportHeader ReadHeader(string line)
    {
        UserExportHeader? header = null;
        try
        {
            header = JsonSerializer.Deserialize<UserExportHeader>(line, StorageJson.Options);
        }
        catch (JsonException)
        {
            // Reported below as "not an export".
        }

        if (header is null || !string.Equals(header.Format, UserExport.FormatName, StringComparison.Ordinal))
        {
            throw new RpmInputException($"This file is not an RpmKernel user export: its first line must be a header with \"format\": \"{UserExport.FormatName}\". Create one with `rpmk export --user ID > user.jsonl`.");
        }

        if (header.Version != UserExport.FormatVersion)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The export is format version {header.Version}, but this version of RpmKernel reads only version {UserExport.FormatVersion}; import it with the RpmKernel version that wrote it, or export the user again with this one."));
        }

        var userId = UserIdPolicy.Canonical(header.UserId, UserExport.MaxIdCharacters);
        return header with { UserId = userId };
    }

    private void Add(UserExportEntry entry, int lineNumber)
    {
        switch (entry.Type)
        {
            case UserExportEntry.RecordType when entry.Record is { } record && entry.Embedding is { Length: > 0 } embedding:
                CheckScope(record.UserId, record.Task, lineNumber);
                Records.Add((record, embedding));
                break;
            case UserExportEntry.UserModelType when entry.UserModel is { } model:
                CheckScope(model.UserId, model.Task, lineNumber);
                UserModels.Add(model);
                break;
            case UserExportEntry.UsageType when entry.Usage is { } row:
                CheckScope(row.UserId, row.Task, lineNumber);
                UsageRows.Add(row);
                break;
            default:
                throw Invalid(lineNumber, $"it is not a complete \"{UserExportEntry.RecordType}\" (with its embedding), \"{UserExportEntry.UserModelType}\" or \"{UserExportEntry.UsageType}\" line");
        }
    }

    private void CheckScope(string? userId, string? task, int lineNumber)
    {
        if (!string.Equals(userId, Header.UserId, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(task)
            || (Header.Task is not null && !string.Equals(task, Header.Task, StringComparison.Ordinal)))
        {
            throw Invalid(lineNumber, $"it belongs to user '{userId}', task '{task}', not to the header's user '{Header.UserId}'{(Header.Task is null ? "" : $", task '{Header.Task}'")}");
        }
    }

    private void CheckCounts()
    {
        if (Records.Count != Header.Records || UserModels.Count != Header.UserModels || UsageRows.Count != Header.UsageRows)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The export is incomplete or was edited: its header announces {Header.Records} records, {Header.UserModels} user models and {Header.UsageRows} usage rows, but it holds {Records.Count}, {UserModels.Count} and {UsageRows.Count}. Export the user again."));
        }
    }

    private static T Parse<T>(string line, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, StorageJson.Options) ?? throw Invalid(lineNumber, "it is JSON null");
        }
        catch (JsonException ex)
        {
            // The position only: the line's content is the user's data and stays out of the message.
            throw Invalid(lineNumber, string.Create(CultureInfo.InvariantCulture, $"it is not valid JSON (at byte {ex.BytePositionInLine})"));
        }
    }

    private static RpmInputException Invalid(int lineNumber, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber} of the export is not valid: {why}. Export the user again rather than editing the file."));
}
