using Microsoft.Extensions.Logging;

namespace RpmKernel.Storage.Tests.Fakes;

/// <summary>A logger factory that keeps every message at warning or above, formatted, for asserting on.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (factory._warnings)
                {
                    factory._warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
