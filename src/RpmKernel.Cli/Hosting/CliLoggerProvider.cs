using Microsoft.Extensions.Logging;

namespace RpmKernel.Cli.Hosting;

/// <summary>The CLI's stderr log (secrets masked) as a logging provider, for a host built inside a command (<c>rpmk serve</c>).</summary>
internal sealed class CliLoggerProvider(CliLoggerFactory factory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to the command.
    }
}
