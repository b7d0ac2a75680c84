using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// Bounds on every input read from outside (<c>Rpm:Limits</c>): each is checked before memory grows,
/// so a hostile file, id or query is refused with one clear error instead of exhausting the process.
/// </summary>
public sealed class RpmLimitsOptions
{
    /// <summary>The longest user id or history item id, in characters.</summary>
    public int MaxIdCharacters { get; set; } = 512;

    /// <summary>The longest <c>personalize</c> query, in characters.</summary>
    public int MaxQueryCharacters { get; set; } = 8_000;

    /// <summary>The longest line of a JSONL history, in bytes, counted before the line is decoded.</summary>
    public int MaxHistoryLineBytes { get; set; } = 256 * 1024;

    /// <summary>The largest history file (JSONL or LaMP), in bytes.</summary>
    public long MaxHistoryFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest single entry (one user) of a LaMP questions file, in bytes.</summary>
    public long MaxLampEntryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest settings file given with <c>--config</c>, in bytes (set it in the environment: <c>Rpm__Limits__MaxConfigFileBytes</c>).</summary>
    public long MaxConfigFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Refuses a limit below 1, naming the key.</summary>
    /// <exception cref="RpmInputException">A limit is zero or negative.</exception>
    public void Validate()
    {
        Require(MaxIdCharacters, nameof(MaxIdCharacters), "512");
        Require(MaxQueryCharacters, nameof(MaxQueryCharacters), "8000");
        Require(MaxHistoryLineBytes, nameof(MaxHistoryLineBytes), "262144");
        Require(MaxHistoryFileBytes, nameof(MaxHistoryFileBytes), "2147483648");
        Require(MaxLampEntryBytes, nameof(MaxLampEntryBytes), "67108864");
        Require(MaxConfigFileBytes, nameof(MaxConfigFileBytes), "1048576");
    }

    private static void Require(long value, string key, string defaultValue)
    {
        if (value < 1)
        {
            throw new RpmInputException($"Rpm:Limits:{key} must be at least 1 (default {defaultValue}).");
        }
    }
}
