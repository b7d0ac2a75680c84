namespace RpmKernel.Core.Tasks;

/// <summary>What a top-level value of a task profile is.</summary>
internal enum TaskProfileNodeKind
{
    /// <summary>One text value.</summary>
    Scalar,

    /// <summary>A list of values.</summary>
    Sequence,

    /// <summary>A mapping (or anything else that is not text or a list).</summary>
    Other,
}

/// <summary>
/// A value of a task profile as read from its YAML, whichever reader read it: its kind, the 1-based
/// line it starts on (for messages that must not quote it), and a scalar's text and whether it was
/// plain (unquoted, not a block), or a list's items.
/// </summary>
internal sealed record TaskProfileNode(TaskProfileNodeKind Kind, long Line, string? Value = null, bool Plain = true, IReadOnlyList<TaskProfileNode>? Items = null)
{
    /// <summary>The items of a list; empty for anything else.</summary>
    public IReadOnlyList<TaskProfileNode> Children => Items ?? [];
}
