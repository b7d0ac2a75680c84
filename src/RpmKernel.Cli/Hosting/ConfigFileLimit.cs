using System.Globalization;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Hosting;

/// <summary>
/// Refuses a <c>--config</c> file that is not a regular file within <c>Rpm:Limits:MaxConfigFileBytes</c>
/// before it is read. The limit cannot come from the file it guards, so only the environment sets it.
/// </summary>
internal static class ConfigFileLimit
{
    private const string EnvironmentKey = "Rpm__Limits__MaxConfigFileBytes";

    public static void ThrowIfTooLarge(string given, string fullPath, IDictionary<string, string?>? environment)
    {
        var limit = Limit(environment);
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = new FileInfo(target.FullName);
        }

        // Devices and FIFOs report a length of 0; opening a FIFO would block, /dev/zero would never end.
        if (info.Length == 0 || info.Length > limit)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The settings file '{given}' given with --config is not a regular file of 1 to {limit} bytes (Rpm:Limits:MaxConfigFileBytes, set in the environment as {EnvironmentKey}); pass a JSON settings file."));
        }
    }

    private static long Limit(IDictionary<string, string?>? environment)
    {
        var text = environment is null
            ? Environment.GetEnvironmentVariable(EnvironmentKey)
            : environment.TryGetValue(EnvironmentKey, out var value) ? value : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RpmLimitsOptions().MaxConfigFileBytes;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 1
            ? limit
            : throw new RpmInputException($"{EnvironmentKey} must be a whole number of bytes, at least 1 (default 1048576).");
    }
}
