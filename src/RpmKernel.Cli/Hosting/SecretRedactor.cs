namespace RpmKernel.Cli.Hosting;

/// <summary>Masks known secrets (API keys) in any text the command writes to stderr.</summary>
internal sealed class SecretRedactor
{
    private const string Mask = "***";

    // Very short values would mask ordinary words; real keys are long.
    private const int MinimumLength = 4;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            _secrets.Add(secret);
        }
    }

    public string Redact(string text)
    {
        lock (_gate)
        {
            // Longest first, so a key that contains another key is masked whole.
            foreach (var secret in _secrets.OrderByDescending(s => s.Length))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
