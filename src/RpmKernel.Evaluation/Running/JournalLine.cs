namespace RpmKernel.Evaluation.Running;

/// <summary>One line of a journal: a prediction (<see cref="Id"/>, <see cref="Output"/>) or a user's ingest (<see cref="User"/>, items), with its usage.</summary>
internal sealed record JournalLine
{
    public string? Id { get; init; }

    public string? Output { get; init; }

    public string? User { get; init; }

    public int Items { get; init; }

    public int FailedItems { get; init; }

    public long Calls { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }
}
