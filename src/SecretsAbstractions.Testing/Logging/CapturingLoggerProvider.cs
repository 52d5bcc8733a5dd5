using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing.Internal;

namespace SecretsAbstractions.Testing;

/// <summary>
/// A logger provider that keeps every log record and scope, at every level, rendered to text when logged:
/// the formatted message, each structured state value and the exception text. Tests use it to prove that a
/// secret value never reaches the logs. Thread-safe.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogRecord> _records = new();

    /// <summary>A snapshot of everything captured so far, in the order it was logged.</summary>
    public IReadOnlyList<CapturedLogRecord> Records => [.. _records];

    /// <summary>The records and scopes in which <paramref name="text"/> appears.</summary>
    /// <param name="text">The text to look for (ordinal).</param>
    public IReadOnlyList<CapturedLogRecord> FindContaining(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return [.. _records.Where(record => record.Contains(text))];
    }

    /// <summary>Forgets everything captured so far.</summary>
    public void Clear() => _records.Clear();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return new CapturingLogger(categoryName, _records.Enqueue);
    }

    /// <summary>Does nothing: the records stay readable after the provider is disposed.</summary>
    public void Dispose()
    {
    }
}
