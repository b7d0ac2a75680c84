using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Hosting;

/// <summary>Applies <c>--prompt STAGE=VERSION</c> (repeatable) over <c>Rpm:Prompts:Versions</c>.</summary>
internal static class PromptSelection
{
    public static void Apply(RpmPromptOptions prompts, IReadOnlyList<string>? selections)
    {
        if (selections is null)
        {
            return;
        }

        foreach (var selection in selections)
        {
            var (stage, version) = Parse(selection);
            prompts.Versions[stage] = version;
        }
    }

    public static (string Stage, string Version) Parse(string selection)
    {
        var equals = selection.IndexOf('=', StringComparison.Ordinal);
        var stage = equals > 0 ? selection[..equals].Trim() : "";
        var version = equals > 0 ? selection[(equals + 1)..].Trim() : "";
        if (stage.Length == 0 || version.Length == 0)
        {
            throw new RpmInputException(
                $"--prompt '{selection}' is not STAGE=VERSION; write it like --prompt generate=v2 (stages: {string.Join(", ", RpmStage.All)}).");
        }

        if (!RpmStage.All.Contains(stage, StringComparer.Ordinal))
        {
            throw new RpmInputException(
                $"--prompt {selection}: there is no prompt stage '{stage}' (asked for version '{version}'); the stages are {string.Join(", ", RpmStage.All)}. See them with `rpmk prompts list`.");
        }

        return (stage, version);
    }
}
