namespace RpmKernel.Core.Factors;

/// <summary>
/// The sufficient counts of one factor over a history: <c>n_F</c>, how often each answer label
/// occurs in <c>A_F</c>, and the sum and number of the integer scores in <c>A_F</c>. The factor's
/// statistics are ratios of these, so adding or removing an item is a few additions.
/// </summary>
internal sealed class FactorCounts
{
    /// <summary>The canonical factor name.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the factor means for this user.</summary>
    public string Description { get; set; } = "";

    /// <summary>The proposed factor labels merged into this factor.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary><c>n_F</c>: the items where some feature maps to the factor.</summary>
    public int Evidence { get; set; }

    /// <summary>Items of <c>A_F</c> per answer label, by exact spelling (grouped ignoring case when read).</summary>
    public Dictionary<string, int> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The sum of the integer scores of <c>A_F</c> (rating tasks).</summary>
    public long ScoreSum { get; set; }

    /// <summary>How many items of <c>A_F</c> have an integer score (rating tasks).</summary>
    public int Scored { get; set; }

    /// <summary>A deep copy, with the dictionaries' comparers restored (JSON reads lose them).</summary>
    public FactorCounts Copy() => new()
    {
        Name = Name,
        Description = Description ?? "",
        Members = [.. Members ?? []],
        Evidence = Evidence,
        Labels = new Dictionary<string, int>(Labels ?? new Dictionary<string, int>(), StringComparer.Ordinal),
        ScoreSum = ScoreSum,
        Scored = Scored,
    };
}
