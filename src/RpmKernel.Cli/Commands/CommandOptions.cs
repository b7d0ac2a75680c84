using System.CommandLine;

namespace RpmKernel.Cli.Commands;

/// <summary>Options several commands share, created per command so each has its own help text.</summary>
internal static class CommandOptions
{
    public static Option<string> User(bool required = true, string description = "The user id.") => new("--user")
    {
        Description = description,
        HelpName = "ID",
        Required = required,
    };

    public static Option<string> Task(string description = "The task: a bundled profile (lamp2, lamp3, lamp5, goqa) or the path to a profile YAML.") => new("--task")
    {
        Description = description,
        HelpName = "TASK",
        Required = true,
    };
}
