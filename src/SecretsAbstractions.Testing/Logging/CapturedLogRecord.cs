using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing;

/// <summary>One log record or logging scope captured by <see cref="CapturingLoggerProvider"/>, rendered to text
/// at the time it was logged.</summary>
public sealed class CapturedLogRecord
{
    /// <summary>Creates a captured record.</summary>
    /// <param name="category">The logger's category.</param>
    /// <param name="level">The level; <see cref="LogLevel.None"/> for a scope.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The formatted message (for a scope, its state as text).</param>
    /// <param name="state">The structured state values, rendered to text.</param>
    /// <param name="exception">The exception's <see cref="Exception.ToString()"/>, when one was logged.</param>
    /// <param name="isScope">Whether this is a scope rather than a log record.</param>
    public CapturedLogRecord(
        string category,
        LogLevel level,
        EventId eventId,
        string message,
        IReadOnlyList<KeyValuePair<string, string?>> state,
        string? exception,
        bool isScope)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(state);
        Category = category;
        Level = level;
        EventId = eventId;
        Message = message;
        State = state;
        Exception = exception;
        IsScope = isScope;
    }

    /// <summary>The logger's category.</summary>
    public string Category { get; }

    /// <summary>The level; <see cref="LogLevel.None"/> for a scope.</summary>
    public LogLevel Level { get; }

    /// <summary>The event id.</summary>
    public EventId EventId { get; }

    /// <summary>The formatted message (for a scope, its state as text).</summary>
    public string Message { get; }

    /// <summary>The structured state values (including <c>{OriginalFormat}</c>), rendered to text.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> State { get; }

    /// <summary>The exception's <see cref="Exception.ToString()"/>, when one was logged.</summary>
    public string? Exception { get; }

    /// <summary>Whether this is a scope rather than a log record.</summary>
    public bool IsScope { get; }

    /// <summary>Whether <paramref name="text"/> appears (ordinal) in the message, a state key or value, or the exception.</summary>
    /// <param name="text">The text to look for.</param>
    public bool Contains(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return Message.Contains(text, StringComparison.Ordinal)
            || (Exception?.Contains(text, StringComparison.Ordinal) ?? false)
            || State.Any(pair => pair.Key.Contains(text, StringComparison.Ordinal)
                || (pair.Value?.Contains(text, StringComparison.Ordinal) ?? false));
    }

    /// <summary>Describes the record: level, category, event and message (the exception is left out).</summary>
    public override string ToString() =>
        IsScope ? $"scope {Category}: {Message}" : $"{Level} {Category} [{EventId}]: {Message}";
}
