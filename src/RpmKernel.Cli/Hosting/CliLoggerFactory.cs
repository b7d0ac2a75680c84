using Microsoft.Extensions.Logging;
using RpmKernel.Core.Text;

namespace RpmKernel.Cli.Hosting;

/// <summary>The <c>--verbose</c> log: one line per event on stderr, secrets masked.</summary>
internal sealed class CliLoggerFactory : ILoggerFactory
{
    private readonly TextWriter _writer;
    private readonly SecretRedactor _secrets;
    private readonly LogLevel _minimum;
    private readonly Lock _gate = new();

    public CliLoggerFactory(TextWriter writer, SecretRedactor secrets, LogLevel minimum)
    {
        _writer = writer;
        _secrets = secrets;
        _minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new CliLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Only the stderr log exists here; providers are not composed.
    }

    public void Dispose()
    {
        // Nothing is buffered.
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{Label(level)}: {ShortCategory(category)}: {message}";
        if (exception is not null)
        {
            line += $" ({exception.GetType().Name}: {exception.Message})";
        }

        line = _secrets.Redact(line.ReplaceLineEndings(" "));
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static string ShortCategory(string category) =>
        category.LastIndexOf('.') is var dot and >= 0 ? category[(dot + 1)..] : category;

    private sealed class CliLogger(CliLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
