using System.Globalization;
using RpmKernel.Storage.Transfer;

namespace RpmKernel.Cli.Commands;

/// <summary>The one-line receipt of an export or import.</summary>
internal static class TransferText
{
    public static string Describe(string verb, UserTransferSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"{verb} user '{summary.UserId}' ({(summary.Tasks.Count == 0 ? "no task" : "task " + string.Join(", ", summary.Tasks))}): {summary.Records} record(s), {summary.UserModels} user model(s), {summary.UsageRows} usage row(s).");
}
