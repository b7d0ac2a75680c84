using System.CommandLine;

namespace RpmKernel.Cli.Hosting;

/// <summary>The options every <c>rpmk</c> command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A settings JSON file layered over the bundled appsettings.json (environment variables still win).",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document on stdout instead of text.",
        Recursive = true,
    };

    public Option<string[]> Prompt { get; } = new("--prompt")
    {
        Description = "Use this version of a stage's prompt (repeatable), e.g. --prompt generate=v2; overrides Rpm:Prompts:Versions.",
        HelpName = "STAGE=VERSION",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log progress to stderr and print full exceptions on failure.",
        Recursive = true,
    };
}
