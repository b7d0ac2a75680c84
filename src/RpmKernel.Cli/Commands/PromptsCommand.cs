using System.CommandLine;
using RpmKernel.Cli.Hosting;
using RpmKernel.Cli.Output;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.Cli.Commands;

/// <summary><c>rpmk prompts list | show STAGE [--version V] | diff STAGE V1 V2</c>: the versioned prompt templates.</summary>
internal static class PromptsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("prompts", "List, show and compare the versioned prompt templates (select versions with --prompt STAGE=VERSION).");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Diff(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Every stage with its versions, where each comes from and the active one.");
        command.SetAction(parseResult =>
        {
            var library = Load(context, parseResult);
            var active = library.ActiveVersions;
            var stages = RpmStage.All.Select(s => new
            {
                Stage = s,
                Versions = library.Versions(s),
                Active = active[s],
                Sources = library.Versions(s).ToDictionary(v => v, v => library.SourceOf(s, v), StringComparer.Ordinal),
            }).ToList();
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new { library.Directory, Stages = stages, Baselines = PromptNames.Baselines(library).Select(b => new { b.Name, b.Versions, b.Sources }) });
                return CliApp.Success;
            }

            context.Stdout.WriteLine(library.Directory is null
                ? "Prompts (bundled; * = active):"
                : $"Prompts (bundled, with {library.Directory} layered on top; * = active, + = from {library.Directory}):");
            var width = RpmStage.All.Max(s => s.Length);
            foreach (var stage in stages)
            {
                var versions = stage.Versions.Select(v =>
                    v + (stage.Sources[v] == PromptLibrary.BundledSource ? "" : "+") + (v == stage.Active ? "*" : ""));
                context.Stdout.WriteLine($"  {stage.Stage.PadRight(width)}  {string.Join(" ", versions)}");
            }

            context.Stdout.WriteLine("Baseline prompts (rpmk eval; show and diff them like a stage):");
            foreach (var baseline in PromptNames.Baselines(library))
            {
                var versions = baseline.Versions.Select(v => v + (baseline.Sources[v] == PromptLibrary.BundledSource ? "" : "+"));
                context.Stdout.WriteLine($"  {baseline.Name.PadRight(width)}  {string.Join(" ", versions)}");
            }

            return CliApp.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var stage = StageArgument();
        var version = new Option<string?>("--version")
        {
            Description = "The version to show; without it, the active one.",
            HelpName = "V",
        };
        var command = new Command("show", "Print a stage's or baseline's prompt file (the active version, or --version V), headed by a comment saying where it comes from.")
        {
            stage, version,
        };
        command.SetAction(parseResult =>
        {
            var library = Load(context, parseResult);
            var name = parseResult.GetRequiredValue(stage);
            var prompt = PromptNames.Resolve(library, name, parseResult.GetValue(version));
            var text = prompt.Text;
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new
                {
                    Stage = name,
                    prompt.Version,
                    Active = PromptNames.ActiveVersion(library, name) == prompt.Version,
                    prompt.Source,
                    prompt.Path,
                    prompt.Config.Template,
                    File = text,
                });
            }
            else
            {
                // A YAML comment, so the output saved to a file is still a valid prompt file.
                context.Stdout.WriteLine($"# {name} {prompt.Version} from {prompt.Path}");
                context.Stdout.Write(text.EndsWith('\n') ? text : text + Environment.NewLine);
            }

            return CliApp.Success;
        });
        return command;
    }

    private static Command Diff(CliContext context)
    {
        var stage = StageArgument();
        var from = new Argument<string>("V1") { Description = "The old version (e.g. v1)." };
        var to = new Argument<string>("V2") { Description = "The new version (e.g. v2)." };
        var command = new Command("diff", "A unified line diff between two versions of a stage's or baseline's prompt file; the headers name where each comes from.")
        {
            stage, from, to,
        };
        command.SetAction(parseResult =>
        {
            var library = Load(context, parseResult);
            var name = parseResult.GetRequiredValue(stage);
            var old = PromptNames.Resolve(library, name, parseResult.GetRequiredValue(from));
            var @new = PromptNames.Resolve(library, name, parseResult.GetRequiredValue(to));
            var diff = LineDiff.Unified(old.Path, @new.Path, old.Text, @new.Text);
            if (context.WantsJson(parseResult))
            {
                context.WriteJson(new { Stage = name, From = old.Version, To = @new.Version, FromPath = old.Path, ToPath = @new.Path, Identical = diff.Count == 0, Diff = diff });
            }
            else if (diff.Count == 0)
            {
                context.Stdout.WriteLine($"{name} {old.Version} and {@new.Version} are identical.");
            }
            else
            {
                foreach (var line in diff)
                {
                    context.Stdout.WriteLine(line);
                }
            }

            return CliApp.Success;
        });
        return command;
    }

    private static Argument<string> StageArgument() => new("STAGE")
    {
        Description = $"The prompt: a stage ({string.Join(", ", RpmStage.All)}) or a baseline prompt (zero-shot, rag, rpm-pairs, ...; see `rpmk prompts list`).",
    };

    // Only the prompts are needed: no model, embeddings or store is opened.
    private static PromptLibrary Load(CliContext context, ParseResult parseResult) =>
        PromptLibrary.Load(RpmCliHost.LoadOptions(context, parseResult).Prompts);
}
