using System.Text.Json;

namespace RpmKernel.Core.Factors;

/// <summary>The stored form of a <see cref="FactorTally"/>: camelCase JSON, read back with its case-insensitive label dictionaries.</summary>
internal static class TallyJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    /// <summary>The tally as JSON.</summary>
    public static string Write(FactorTally tally) => JsonSerializer.Serialize(tally, s_options);

    /// <summary>
    /// The tally stored as <paramref name="json"/>, or null when there is none or it cannot be read
    /// (another version, damaged): the caller then rebuilds it with a full recompute.
    /// </summary>
    public static FactorTally? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var tally = JsonSerializer.Deserialize<FactorTally>(json, s_options);
            return tally is { Version: FactorTally.CurrentVersion, Factors: not null, Unmapped: not null, Pending: not null }
                && tally.Factors.All(f => f is { Name: not null, Members: not null, Labels: not null })
                ? tally.Copy()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
