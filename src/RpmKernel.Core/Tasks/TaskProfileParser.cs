using System.Globalization;
using RpmKernel.Core.Errors;

namespace RpmKernel.Core.Tasks;

/// <summary>
/// Reads a task profile from YAML (<c>prompts/tasks/&lt;name&gt;.yaml</c> or a user's own file).
/// Keys: <c>name</c>, <c>kind</c> (classification, rating, opinion or generation, any case),
/// <c>description</c>, <c>instruction</c>, <c>labels</c> (a list; classification),
/// <c>min_score</c> and <c>max_score</c> (integers; rating). Unknown keys are errors, so a typo
/// such as <c>lables</c> cannot silently drop the labels.
/// </summary>
public static class TaskProfileParser
{
    private static readonly IReadOnlyDictionary<string, TaskKind> Kinds = new Dictionary<string, TaskKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["classification"] = TaskKind.Classification,
        ["rating"] = TaskKind.Rating,
        ["opinion"] = TaskKind.Opinion,
        ["generation"] = TaskKind.Generation,
    };

    /// <summary>Parses and validates a profile.</summary>
    /// <param name="yaml">The profile's YAML text.</param>
    /// <param name="source">Where the text came from (a path or a bundled name), used in error messages.</param>
    /// <returns>The profile; labels are kept for classification only, scores for rating only.</returns>
    /// <exception cref="RpmInputException">The YAML is invalid or the profile is incomplete; the message names <paramref name="source"/>, the problem and the fix.</exception>
    public static TaskProfile Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);

        var file = TaskProfileYaml.Load(yaml, source);
        var name = file.Text("name")
            ?? throw TaskProfileYaml.Error(source, "has no 'name'", "Add a line such as 'name: lamp2'.");
        var kindText = file.Text("kind")
            ?? throw TaskProfileYaml.Error(source, "has no 'kind'", $"Add a line 'kind: <{string.Join("|", Kinds.Keys)}>'.");
        var instruction = file.Text("instruction")
            ?? throw TaskProfileYaml.Error(source, "has no 'instruction'", "Add an 'instruction:' with what the model is asked to do when it answers.");
        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            throw TaskProfileYaml.Error(source, $"has an unknown kind at line {file.LineOf("kind")}", $"Use one of {string.Join(", ", Kinds.Keys)}.");
        }

        // Read every key even when the kind ignores it, so a malformed value is still reported.
        var labels = file.List("labels");
        var minScore = file.Integer("min_score");
        var maxScore = file.Integer("max_score");

        var profile = new TaskProfile
        {
            Name = name,
            Kind = kind,
            Description = file.Text("description") ?? "",
            Instruction = instruction,
        };

        return kind switch
        {
            TaskKind.Classification => profile with { Labels = ValidLabels(source, labels) },
            TaskKind.Rating => WithValidRange(source, profile, minScore, maxScore),
            _ => profile,
        };
    }

    private static IReadOnlyList<string> ValidLabels(string source, IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
        {
            throw TaskProfileYaml.Error(source, "is a classification task without labels", "Add 'labels:' with one '- label' line per allowed answer.");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!seen.TryAdd(labels[i], i + 1))
            {
                throw TaskProfileYaml.Error(source, string.Create(CultureInfo.InvariantCulture,
                    $"lists label {i + 1} twice: it repeats label {seen[labels[i]]} (labels are compared ignoring case)"), "Remove the duplicate.");
            }
        }

        return labels;
    }

    private static TaskProfile WithValidRange(string source, TaskProfile profile, int? minScore, int? maxScore)
    {
        if (minScore is not { } min || maxScore is not { } max)
        {
            throw TaskProfileYaml.Error(source, "is a rating task without both 'min_score' and 'max_score'", "Add both, for example 'min_score: 1' and 'max_score: 5'.");
        }

        if (min >= max)
        {
            throw TaskProfileYaml.Error(source, $"has min_score {min} not below max_score {max}", "Make min_score smaller than max_score.");
        }

        return profile with { MinScore = min, MaxScore = max };
    }
}
