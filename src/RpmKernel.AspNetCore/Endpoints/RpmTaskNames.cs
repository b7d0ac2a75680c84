using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>
/// The task of a request: the one it names, else <c>Rpm:Server:DefaultTask</c>. Only plain names are
/// accepted (letters, digits, '-', '_'), so a request can never make the server open a file.
/// </summary>
internal static class RpmTaskNames
{
    private const int MaxCharacters = 64;

    /// <summary>The task to use for <paramref name="requested"/> (null or empty: the default).</summary>
    /// <exception cref="RpmInputException">The name is not a plain name, or not one of <c>Rpm:Server:AllowedTasks</c>.</exception>
    public static string Resolve(string? requested, RpmServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = string.IsNullOrWhiteSpace(requested) ? options.DefaultTask : requested.Trim();
        if (!IsPlainName(task))
        {
            throw new RpmInputException(
                $"The task '{Shorten(task)}' is not a task name; send a bundled task name such as lamp2, lamp3, lamp5 or goqa (letters, digits, '-' and '_'; paths are never accepted).");
        }

        if (options.AllowedTasks.Count > 0 && !options.AllowedTasks.Contains(task, StringComparer.Ordinal))
        {
            throw new RpmInputException($"The task '{task}' is not served here; use one of {string.Join(", ", options.AllowedTasks)}.");
        }

        return task;
    }

    private static bool IsPlainName(string task) =>
        task.Length is > 0 and <= MaxCharacters && task.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Shorten(string text) => text.Length <= MaxCharacters ? text : text[..MaxCharacters] + "…";
}
