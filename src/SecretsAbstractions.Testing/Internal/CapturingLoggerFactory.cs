using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Internal;

/// <summary>A logger factory over a <see cref="CapturingLoggerProvider"/>, since only the logging
/// abstractions are available here. Providers added later receive loggers created after they were added.</summary>
internal sealed class CapturingLoggerFactory(CapturingLoggerProvider capture) : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<ILoggerProvider> _providers = [capture];

    public void AddProvider(ILoggerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_lock)
        {
            _providers.Add(provider);
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        lock (_lock)
        {
            return _providers.Count == 1
                ? _providers[0].CreateLogger(categoryName)
                : new FanOutLogger([.. _providers.Select(provider => provider.CreateLogger(categoryName))]);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var provider in _providers.Skip(1))
            {
                provider.Dispose();
            }
        }
    }

    private sealed class FanOutLogger(ILogger[] loggers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => new Scopes([.. loggers.Select(logger => logger.BeginScope(state))]);

        public bool IsEnabled(LogLevel logLevel) => loggers.Any(logger => logger.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            foreach (var logger in loggers.Where(logger => logger.IsEnabled(logLevel)))
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class Scopes(IDisposable?[] scopes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var scope in scopes)
            {
                scope?.Dispose();
            }
        }
    }
}
