using System.Globalization;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Hosting;

namespace RpmKernel.AspNetCore.RateLimiting;

/// <summary>Checks <c>Rpm:Server:RateLimit</c> when the host starts: sizes in range, overrides naming configured keys.</summary>
internal sealed class RpmRateLimitOptionsValidation : IValidateOptions<RpmServerOptions>
{
    private const string Section = RpmServerOptions.SectionName + ":RateLimit";

    public ValidateOptionsResult Validate(string? name, RpmServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.RateLimit;
        var failures = new List<string>();
        CheckCount(failures, $"{Section}:PermitsPerWindow", limit.PermitsPerWindow, "0 turns the limit off");
        CheckCount(failures, $"{Section}:QueueLimit", limit.QueueLimit, "0 answers 429 at once");
        if (limit.Window <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Window must be a positive duration such as 00:01:00; it was {limit.Window}."));
        }

        foreach (var (keyName, key) in limit.Keys)
        {
            if (!options.ApiKeys.ContainsKey(keyName))
            {
                failures.Add($"{Section}:Keys:{keyName} names no API key; use a name of {RpmServerOptions.SectionName}:ApiKeys ({string.Join(", ", options.ApiKeys.Keys.Order(StringComparer.Ordinal))}).");
            }

            CheckCount(failures, $"{Section}:Keys:{keyName}:PermitsPerWindow", key.PermitsPerWindow, "0 turns the limit off for the key");
            CheckCount(failures, $"{Section}:Keys:{keyName}:QueueLimit", key.QueueLimit, "0 answers 429 at once");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCount(List<string> failures, string setting, int? value, string zeroMeans)
    {
        if (value < 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be 0 or more ({zeroMeans}); it was {value}."));
        }
    }
}
