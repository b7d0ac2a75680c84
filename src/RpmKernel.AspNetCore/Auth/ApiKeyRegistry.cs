using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;

namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// The configured API keys, held as SHA-256 hashes only, and the lookup of a presented key: the presented
/// key is hashed and compared to every entry in fixed time, so neither the keys nor a timing side channel
/// tell a caller how close a guess was.
/// </summary>
internal sealed class ApiKeyRegistry
{
    /// <summary>Keys shorter than this are guessable.</summary>
    public const int MinKeyCharacters = 16;

    private const string HashPrefix = "sha256:";

    private static readonly RpmOperation[] s_defaultOperations = [RpmOperation.Personalize, RpmOperation.Explain];

    private readonly List<(byte[] Hash, RpmCaller Caller)> _entries = [];

    /// <summary>Reads and checks the keys of <paramref name="options"/>.</summary>
    /// <exception cref="RpmInputException">A key entry is invalid; the message names every invalid entry.</exception>
    public ApiKeyRegistry(RpmServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (name, entry) in options.ApiKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var before = problems.Count;
            var hash = ReadHash(name, entry, problems);
            var operations = ReadOperations(name, entry, problems);
            if (!TenantUserIds.IsValidTenant(entry.Tenant))
            {
                problems.Add($"{Key(name)}:Tenant must be a tenant name of letters, digits, '.', '_' or '-' (at most {TenantUserIds.MaxTenantCharacters}), such as \"acme\"; it was {Quote(entry.Tenant)}.");
            }

            if (problems.Count == before && hash is not null)
            {
                if (_entries.Any(e => CryptographicOperations.FixedTimeEquals(e.Hash, hash)))
                {
                    problems.Add($"{Key(name)} repeats a key of another entry; give every key its own value.");
                    continue;
                }

                _entries.Add((hash, new RpmCaller(name, entry.Tenant!, operations)));
            }
        }

        if (problems.Count == 0 && _entries.Count == 0)
        {
            problems.Add($"No API key is configured, so every request would be refused; add one as {RpmServerOptions.SectionName}:ApiKeys:<name>:Key (or :KeyHash) with :Tenant (and :Operations).");
        }

        if (problems.Count > 0)
        {
            throw new RpmInputException(string.Join(" ", problems));
        }
    }

    /// <summary>The caller a presented key belongs to, or null for an unknown key.</summary>
    public RpmCaller? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        RpmCaller? found = null;

        // Every entry is compared, found or not, so the time taken does not say which entry matched.
        foreach (var (entryHash, caller) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entryHash, hash))
            {
                found = caller;
            }
        }

        return found;
    }

    /// <summary>The SHA-256 hex digest of <paramref name="key"/>, as <c>KeyHash</c> expects it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static byte[]? ReadHash(string name, RpmApiKeyOptions entry, List<string> problems)
    {
        var hasKey = !string.IsNullOrEmpty(entry.Key);
        var hasHash = !string.IsNullOrWhiteSpace(entry.KeyHash);
        if (hasKey == hasHash)
        {
            problems.Add(hasKey
                ? $"{Key(name)} sets both Key and KeyHash; keep one (KeyHash keeps the key out of the configuration)."
                : $"{Key(name)} has neither Key nor KeyHash; set one.");
            return null;
        }

        if (hasKey)
        {
            if (entry.Key!.Length < MinKeyCharacters)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Key(name)}:Key has {entry.Key.Length} characters; use at least {MinKeyCharacters} random ones (for example: openssl rand -hex 32)."));
                return null;
            }

            return SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key));
        }

        var hex = entry.KeyHash!.Trim();
        if (hex.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[HashPrefix.Length..];
        }

        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            problems.Add($"{Key(name)}:KeyHash must be the SHA-256 of the key as 64 hexadecimal digits (printf %s \"$KEY\" | sha256sum).");
            return null;
        }

        return Convert.FromHexString(hex);
    }

    private static HashSet<RpmOperation> ReadOperations(string name, RpmApiKeyOptions entry, List<string> problems)
    {
        var operations = new HashSet<RpmOperation>();
        foreach (var text in entry.Operations.SelectMany(o => (o ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<RpmOperation>(text, ignoreCase: true, out var operation) && Enum.IsDefined(operation) && !int.TryParse(text, out _))
            {
                operations.Add(operation);
            }
            else
            {
                problems.Add($"{Key(name)}:Operations names '{text}', which is not an operation; use {string.Join(", ", Enum.GetNames<RpmOperation>())}.");
            }
        }

        if (operations.Count == 0)
        {
            operations.UnionWith(s_defaultOperations);
        }

        return operations;
    }

    private static string Key(string name) => $"{RpmServerOptions.SectionName}:ApiKeys:{name}";

    private static string Quote(string? value) => value is null ? "missing" : $"'{value}'";
}
