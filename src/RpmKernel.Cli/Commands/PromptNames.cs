using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Commands;

/// <summary>What <c>rpmk prompts</c> accepts as a prompt name: an RPM stage or a baseline prompt (<c>prompts/baselines/&lt;name&gt;/</c>).</summary>
internal static class PromptNames
{
    /// <summary>A version of a stage or baseline prompt (the active one when <paramref name="version"/> is null); an unknown name lists both kinds.</summary>
    public static PromptFile Resolve(PromptLibrary library, string name, string? version)
    {
        if (RpmStage.All.Contains(name, StringComparer.Ordinal))
        {
            return version is null ? library.Get(name) : library.Get(name, version);
        }

        return library.BaselineNames.Contains(name, StringComparer.Ordinal)
            ? library.GetBaseline(name, version ?? PromptLibrary.DefaultVersion)
            : throw new RpmInputException(
                $"There is no prompt '{name}'; the stages are {string.Join(", ", RpmStage.All)} and the baseline prompts {string.Join(", ", library.BaselineNames)}.");
    }

    /// <summary>The version a stage runs with, or v1 for a baseline (eval picks another only inside a comparison).</summary>
    public static string ActiveVersion(PromptLibrary library, string name) =>
        library.ActiveVersions.TryGetValue(name, out var active) ? active : PromptLibrary.DefaultVersion;

    /// <summary>Every baseline prompt with its versions and where each comes from.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Versions, IReadOnlyDictionary<string, string?> Sources)> Baselines(PromptLibrary library) =>
        library.BaselineNames.Select(n => (n, library.BaselineVersions(n),
            (IReadOnlyDictionary<string, string?>)library.BaselineVersions(n).ToDictionary(v => v, v => library.BaselineSourceOf(n, v), StringComparer.Ordinal))).ToList();
}
