using System.Text;

namespace RpmKernel.Testing;

/// <summary>
/// Process-independent hashing (FNV-1a 64 plus a SplitMix64 finalizer), because
/// <see cref="string.GetHashCode()"/> is randomized per process and would make the fake's
/// answers differ between test runs.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Of(string text)
    {
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return Mix(hash);
    }

    public static ulong Of(string text, string salt) => Of(text + "\u0000" + salt);

    /// <summary>Derives the <paramref name="index"/>-th independent value from a seed.</summary>
    public static ulong Derive(ulong seed, int index) => Mix(seed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1)));

    // SplitMix64 finalizer: spreads FNV's weak low bits so that "seed % n" is well distributed.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
