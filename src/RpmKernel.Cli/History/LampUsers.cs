using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.History;

/// <summary>
/// The users of a LaMP questions file for <c>rpmk ingest --format lamp</c>, read with the evaluation's
/// streaming <see cref="LampQuestionsReader"/> and mapped with <see cref="LampTaskFields"/>; errors name the
/// JSON path, such as <c>$[3].profile[2].tag</c>, and say that nothing was stored.
/// </summary>
internal static class LampUsers
{
    private const int IdsShown = 5;

    /// <summary>The history of one user (the entry whose id is <paramref name="userId"/>); the entries before it are read but not mapped.</summary>
    public static async Task<IReadOnlyList<HistoryItem>> ReadAsync(string path, string userId, string task, RpmLimitsOptions limits, CancellationToken cancellationToken)
    {
        var fields = Fields(task);
        HistoryFiles.ThrowIfMissing(path);
        var seenIds = new List<string>();
        try
        {
            await foreach (var entry in LampQuestionsReader.ReadAsync(path, limits, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(entry.Id, userId, StringComparison.Ordinal))
                {
                    return History(entry, seenIds.Count, path, fields);
                }

                seenIds.Add(entry.Id);
            }
        }
        catch (RpmInputException ex)
        {
            throw NothingStored(ex);
        }

        var sample = string.Join(", ", seenIds.Take(IdsShown)) + (seenIds.Count > IdsShown ? ", ..." : "");
        throw new RpmInputException(seenIds.Count == 0
            ? NoEntries(path)
            : string.Create(CultureInfo.InvariantCulture,
                $"User '{userId}' is not in LaMP file '{path}' (it holds {seenIds.Count} users: {sample}); pass one of its entry ids with --user."));
    }

    /// <summary>
    /// Every user of the file, in file order. The whole file is validated before anything is
    /// returned, so one malformed entry (or a repeated user id) stops the ingest before any user is stored.
    /// </summary>
    public static async Task<IReadOnlyList<LampUser>> ReadAllAsync(string path, string task, RpmLimitsOptions limits, CancellationToken cancellationToken)
    {
        var fields = Fields(task);
        HistoryFiles.ThrowIfMissing(path);
        var users = new List<LampUser>();
        try
        {
            await foreach (var entry in LampQuestionsReader.ReadAsync(path, limits, cancellationToken).ConfigureAwait(false))
            {
                users.Add(new LampUser(entry.Id, History(entry, users.Count, path, fields)));
            }
        }
        catch (RpmInputException ex)
        {
            throw NothingStored(ex);
        }

        return users.Count > 0 ? users : throw new RpmInputException(NoEntries(path));
    }

    private static LampTaskFields Fields(string task) => LampTaskFields.TryFor(task, out var fields)
        ? fields
        : throw new RpmInputException(
            $"--format lamp supports lamp2, lamp3 and lamp5, not task '{task}'; convert the history to JSONL ({{\"id\", \"query\", \"answer\"}} per line) and use --format jsonl.");

    private static IReadOnlyList<HistoryItem> History(LampEntry entry, int index, string path, LampTaskFields fields)
    {
        var items = fields.History(entry, index, path);
        return items.Count > 0
            ? items
            : throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"LaMP file '{path}': $[{index}].profile is empty; the user needs at least one profile item to ingest."));
    }

    private static RpmInputException NothingStored(RpmInputException ex) => new($"{ex.Message} Nothing was stored.", ex);

    private static string NoEntries(string path) =>
        $"LaMP file '{path}' has no entries; it should be a JSON array of {{\"id\", \"input\", \"profile\"}} entries, one per user.";
}
