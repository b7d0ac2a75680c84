using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RpmKernel.AspNetCore.Tests.Support;

/// <summary>A logger provider that keeps every formatted message (debug and up) of a test server, to wait for one.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    /// <summary>Polls until a message containing <paramref name="text"/> was logged; the limit guards against a hang and is not a timing assertion.</summary>
    public async Task UntilAsync(string text)
    {
        for (var waited = 0; waited < 60_000; waited += 25)
        {
            if (Contains(text))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No message containing '{text}' was logged.");
    }

    public bool Contains(string text) => _messages.Any(m => m.Contains(text, StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
