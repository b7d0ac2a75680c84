namespace RpmKernel.AspNetCore.Tests.UserPage;

/// <summary>A test that drives a real headless Chromium; skipped, saying why, only on a machine without one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Debian's chromium, which .ci/run installs when it is missing.</summary>
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable))
        {
            Skip = $"No Chromium at {Executable}: install it with 'apt-get update && apt-get install -y chromium' (.ci/run does) to run the browser test.";
        }
    }
}
