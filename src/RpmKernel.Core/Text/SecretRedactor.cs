using System.Text.RegularExpressions;

namespace RpmKernel.Core.Text;

/// <summary>
/// The one redaction pass for text that leaves the process: every registered secret (the chat,
/// embedding and Qdrant keys) is masked, and so is any value written after <c>Authorization</c>,
/// <c>api-key</c>, <c>Bearer</c>, or shaped like an OpenAI key (<c>sk-…</c>), whether or not it was
/// registered. Thread-safe; secrets can be added while text is being redacted.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Very short values would mask ordinary words; real keys are long.
    private const int MinimumLength = 4;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    /// <summary>Registers a secret; null, blank and very short values are ignored.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            if (_secrets.Add(secret) | _secrets.Add(secret.Trim()))
            {
                // Longest first, so a key that contains another key is masked whole.
                _ordered = [.. _secrets.OrderByDescending(s => s.Length)];
            }
        }
    }

    /// <summary>The text with every secret and credential value masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in Volatile.Read(ref _ordered))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = HeaderValue().Replace(text, m => m.Groups["name"].Value + Mask);
        return OpenAIKey().Replace(text, Mask);
    }

    [GeneratedRegex("""(?<name>(?:authorization|proxy-authorization|api[-_ ]?key|x-api-key)["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token)\s+)?|bearer\s+)(?!\*\*\*)[^\s"',;}]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderValue();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAIKey();
}
