namespace RpmKernel.Core.Tasks;

/// <summary>
/// What a task is: its kind, the instruction given to the model, and the answers it allows.
/// Loaded from <c>prompts/tasks/&lt;name&gt;.yaml</c>.
/// </summary>
public sealed record TaskProfile
{
    /// <summary>The profile name, such as <c>lamp2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of answers the task expects.</summary>
    public required TaskKind Kind { get; init; }

    /// <summary>A one-line description of the task for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>The task instruction given to the model when it answers.</summary>
    public required string Instruction { get; init; }

    /// <summary>The allowed labels (classification only).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The lowest allowed score (rating only).</summary>
    public int? MinScore { get; init; }

    /// <summary>The highest allowed score (rating only).</summary>
    public int? MaxScore { get; init; }

    /// <summary>True for tasks whose answers come from a finite set (classification, rating, opinion).</summary>
    public bool IsDiscrete => Kind != TaskKind.Generation;
}
