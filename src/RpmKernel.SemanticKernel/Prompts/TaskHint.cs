namespace RpmKernel.SemanticKernel.Prompts;

/// <summary>
/// The task to repeat in a hint such as <c>rpmk explain --task ...</c>: a bundled name as it is, a profile
/// file by its full path (quoted when it holds a space), since only bundled and prompts-folder profiles are
/// found by name and the hint must work from any folder.
/// </summary>
internal static class TaskHint
{
    /// <summary>The hint for <paramref name="taskArgument"/> (the task as the caller gave it), whose profile is named <paramref name="profileName"/>.</summary>
    public static string For(string taskArgument, string profileName)
    {
        if (string.IsNullOrWhiteSpace(taskArgument) || !TaskProfileReference.IsPath(taskArgument))
        {
            return profileName;
        }

        var full = Path.GetFullPath(taskArgument);
        return full.Contains(' ', StringComparison.Ordinal) ? $"\"{full}\"" : full;
    }
}
