namespace RpmKernel.Samples.Tests.Support;

/// <summary>Runs a sample's <c>RunAsync</c> and keeps what it printed.</summary>
internal static class SampleOutput
{
    public delegate Task<int> Sample(Microsoft.Extensions.Configuration.IConfiguration configuration, TextWriter output, CancellationToken cancellationToken);

    public static async Task<(int ExitCode, string Text)> RunAsync(Sample sample, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        using var output = new StringWriter();
        var exitCode = await sample(configuration, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    /// <summary>The lines of <paramref name="text"/> that start with <paramref name="prefix"/> (after indentation).</summary>
    public static IReadOnlyList<string> Lines(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
}
