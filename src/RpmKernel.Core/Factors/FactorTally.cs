using RpmKernel.Core.Answers;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Factors;

/// <summary>
/// The sufficient counts behind a user model's statistics for a discrete task (classification,
/// rating, opinion): per factor its <see cref="FactorCounts"/>, the item count <c>N</c> and the
/// overall score sum, and the proposed labels of stored items that no factor covers. Adding or
/// removing an item updates the counts without reading the other items, and the statistics read
/// from the counts equal a full recompute over the same items (<see cref="TallyStatistics"/>).
/// It is persisted with the user model, with a <see cref="Version"/> and a <see cref="Fingerprint"/>
/// of the items it counted, so a tally that no longer describes the stored items is never used.
/// Open-ended (generation) tasks have none: their influence and base rate depend on every answer.
/// </summary>
internal sealed class FactorTally
{
    /// <summary>The version written today; a stored tally of another version is rebuilt by a full recompute.</summary>
    public const int CurrentVersion = 1;

    private Dictionary<string, List<int>>? _index;

    /// <summary>The format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The task kind and labels the answers were read with (<see cref="ProfileKey"/>).</summary>
    public string Profile { get; set; } = "";

    /// <summary><c>N</c>: the items counted.</summary>
    public int Items { get; set; }

    /// <summary>The <see cref="TallyFingerprint"/> of the counted items' ids and content hashes.</summary>
    public ulong Fingerprint { get; set; }

    /// <summary>
    /// The write version of the user's records in the store when the tally was saved with the model (the store sets a
    /// fresh random one with every write of them), or null: while the stored version is this one, the tally describes
    /// the stored records without reading them.
    /// </summary>
    public long? RecordsVersion { get; set; }

    /// <summary>The sum of the integer scores of all items (rating tasks).</summary>
    public long ScoreSum { get; set; }

    /// <summary>How many items have an integer score (rating tasks).</summary>
    public int Scored { get; set; }

    /// <summary>The user's factors with their counts, in the model's order.</summary>
    public List<FactorCounts> Factors { get; set; } = [];

    /// <summary>Labels of counted items that no factor covers although a clustering has seen them, with how many items carry each.</summary>
    public Dictionary<string, int> Unmapped { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Labels of counted items that no factor covers and no clustering has seen yet, with how many items carry each.</summary>
    public Dictionary<string, int> Pending { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the statistics of <paramref name="profile"/>'s kind can be kept as counts.</summary>
    public static bool Supports(TaskProfile profile) => profile.Kind != TaskKind.Generation;

    /// <summary>What of the profile decides how answers are counted: its kind and, for classification, its labels.</summary>
    public static string ProfileKey(TaskProfile profile) =>
        profile.Kind == TaskKind.Classification ? $"{profile.Kind}:{string.Join('\u001f', profile.Labels)}" : profile.Kind.ToString();

    /// <summary>An empty tally over <paramref name="factors"/>.</summary>
    public static FactorTally Empty(TaskProfile profile, IReadOnlyList<Factor> factors) => new()
    {
        Profile = ProfileKey(profile),
        Factors = [.. factors.Select(f => new FactorCounts { Name = f.Name, Description = f.Description ?? "", Members = [.. f.Members ?? []] })],
    };

    /// <summary>The tally of <paramref name="items"/> over <paramref name="factors"/>; uncovered labels in <paramref name="pendingLabels"/> count as pending, the others as unmapped.</summary>
    public static FactorTally Build(TaskProfile profile, IReadOnlyList<Factor> factors, IEnumerable<TalliedItem> items, IEnumerable<string>? pendingLabels = null)
    {
        var tally = Empty(profile, factors);
        foreach (var label in pendingLabels ?? [])
        {
            tally.Pending[label.Trim()] = 0;
        }

        foreach (var item in items)
        {
            tally.Add(profile, item, newLabelsPending: false);
        }

        // A pending label no counted item carries is no label of the history.
        foreach (var label in tally.Pending.Where(p => p.Value == 0).Select(p => p.Key).ToList())
        {
            tally.Pending.Remove(label);
        }

        return tally;
    }

    /// <summary>
    /// Whether this tally counted exactly the items whose ids and content hashes are <paramref name="storedHashes"/>,
    /// read with <paramref name="profile"/>, in the format of today.
    /// </summary>
    public bool Describes(TaskProfile profile, IReadOnlyDictionary<string, string> storedHashes) =>
        Reads(profile)
        && Items == storedHashes.Count
        && Fingerprint == TallyFingerprint.Of(storedHashes);

    /// <summary>
    /// Whether this tally, read with <paramref name="profile"/> in the format of today, was saved at <paramref name="recordsVersion"/>,
    /// the store's current write version of the user's records: then it counted exactly the stored records, and nothing of them is read.
    /// </summary>
    public bool DescribesVersion(TaskProfile profile, long? recordsVersion) =>
        recordsVersion is not null && RecordsVersion == recordsVersion && Reads(profile);

    private bool Reads(TaskProfile profile) =>
        Version == CurrentVersion && Supports(profile) && string.Equals(Profile, ProfileKey(profile), StringComparison.Ordinal);

    /// <summary>
    /// Counts one more item. Its labels that no factor covers add to <see cref="Pending"/> or <see cref="Unmapped"/>
    /// where they already are; a label neither holds goes to <see cref="Pending"/> when <paramref name="newLabelsPending"/>, else to <see cref="Unmapped"/>.
    /// </summary>
    public void Add(TaskProfile profile, TalliedItem item, bool newLabelsPending) => Apply(profile, item, +1, newLabelsPending);

    /// <summary>Stops counting an item counted before (the same answer and features).</summary>
    public void Remove(TaskProfile profile, TalliedItem item) => Apply(profile, item, -1, newLabelsPending: false);

    /// <summary>Whether <paramref name="label"/> names a factor, is a member of one, or is carried by a counted item.</summary>
    public bool IsKnownLabel(string label)
    {
        var key = label.Trim();
        return Index().ContainsKey(key) || Unmapped.ContainsKey(key) || Pending.ContainsKey(key);
    }

    /// <summary>
    /// Adds <paramref name="label"/> to the members of factor <paramref name="factorIndex"/>. The label must be
    /// unknown (<see cref="IsKnownLabel"/>), so no counted item changes factor and the counts stay exact.
    /// </summary>
    public void AddMember(int factorIndex, string label)
    {
        ThrowIfKnown(label);
        Factors[factorIndex].Members.Add(label.Trim());
        _index = null;
    }

    /// <summary>Adds a factor with no evidence yet; its name and members must be unknown labels (<see cref="IsKnownLabel"/>).</summary>
    public void AddFactor(string name, string description, IReadOnlyList<string> members)
    {
        ThrowIfKnown(name);
        foreach (var member in members)
        {
            ThrowIfKnown(member);
        }

        Factors.Add(new FactorCounts { Name = name.Trim(), Description = description, Members = [.. members.Select(m => m.Trim())] });
        _index = null;
    }

    /// <summary>Drops the factors no counted item maps to and returns their names (no item carries their labels, so nothing else changes).</summary>
    public List<string> RemoveFactorsWithoutEvidence()
    {
        var dropped = Factors.Where(f => f.Evidence <= 0).Select(f => f.Name).ToList();
        Factors.RemoveAll(f => f.Evidence <= 0);
        _index = null;
        return dropped;
    }

    /// <summary>The factors as clustered (name, description, members), without counts.</summary>
    public List<Factor> FactorList() => [.. Factors.Select(f => new Factor(f.Name, f.Description, [.. f.Members]))];

    /// <summary>A deep copy.</summary>
    public FactorTally Copy() => new()
    {
        Version = Version,
        Profile = Profile,
        Items = Items,
        Fingerprint = Fingerprint,
        RecordsVersion = RecordsVersion,
        ScoreSum = ScoreSum,
        Scored = Scored,
        Factors = [.. (Factors ?? []).Select(f => f.Copy())],
        Unmapped = new Dictionary<string, int>(Unmapped ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase),
        Pending = new Dictionary<string, int>(Pending ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase),
    };

    private void Apply(TaskProfile profile, TalliedItem item, int sign, bool newLabelsPending)
    {
        var itemHash = TallyFingerprint.Of(item.ItemId, item.ContentHash);
        Items += sign;
        Fingerprint = sign > 0 ? unchecked(Fingerprint + itemHash) : unchecked(Fingerprint - itemHash);

        var label = DiscreteStatistics.Label(profile, item.Answer);
        int? score = profile.Kind == TaskKind.Rating && ScoreText.TryParse(item.Answer, out var parsed) ? parsed : null;
        if (score is { } s)
        {
            ScoreSum += sign * s;
            Scored += sign;
        }

        // A_F is a set: an item with several features of one factor counts once, as does a repeated uncovered label.
        var index = Index();
        var inFactors = new HashSet<int>();
        var uncovered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in item.Features ?? [])
        {
            var key = feature?.Factor?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (index.TryGetValue(key, out var factorIndexes))
            {
                inFactors.UnionWith(factorIndexes);
            }
            else
            {
                uncovered.Add(key);
            }
        }

        foreach (var f in inFactors)
        {
            var counts = Factors[f];
            counts.Evidence += sign;
            if (label is not null)
            {
                Bump(counts.Labels, label, sign);
            }

            if (score is { } fs)
            {
                counts.ScoreSum += sign * fs;
                counts.Scored += sign;
            }
        }

        foreach (var key in uncovered)
        {
            var labels = Pending.ContainsKey(key) ? Pending : Unmapped.ContainsKey(key) || !newLabelsPending ? Unmapped : Pending;
            Bump(labels, key, sign);
        }
    }

    private static void Bump(Dictionary<string, int> counts, string key, int sign)
    {
        var count = counts.GetValueOrDefault(key) + sign;
        if (count > 0)
        {
            counts[key] = count;
        }
        else
        {
            counts.Remove(key);
        }
    }

    private Dictionary<string, List<int>> Index() =>
        _index ??= FactorLabelIndex.Build(Factors.Count, f => [Factors[f].Name, .. Factors[f].Members]);

    private void ThrowIfKnown(string label)
    {
        if (string.IsNullOrWhiteSpace(label) || IsKnownLabel(label))
        {
            throw new InvalidOperationException(
                $"The label '{label}' is empty or already known to the user's factors or history; adding it to a factor would move counted items between factors. Rebuild the statistics instead.");
        }
    }
}
