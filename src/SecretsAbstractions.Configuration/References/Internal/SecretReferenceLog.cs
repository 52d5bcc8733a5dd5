using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>The reference resolver's messages. They carry configuration keys and reference texts, never a secret
/// value and never an exception (whose inner exceptions may quote a backend's response).</summary>
internal static partial class SecretReferenceLog
{
    [LoggerMessage(EventId = 1, EventName = "ReferencesResolved", Level = LogLevel.Debug,
        Message = "Resolved secret references in {KeyCount} configuration values, reading {SecretCount} secrets; {UnchangedCount} more were unchanged by their change probe.")]
    public static partial void ReferencesResolved(ILogger logger, int keyCount, int secretCount, int unchangedCount);

    [LoggerMessage(EventId = 2, EventName = "ReferenceUnresolved", Level = LogLevel.Warning,
        Message = "A secret reference in configuration could not be resolved and the value keeps {Fallback}. {Error}")]
    public static partial void ReferenceUnresolved(ILogger logger, string fallback, string error);

    [LoggerMessage(EventId = 3, EventName = "ReloadFailed", Level = LogLevel.Warning,
        Message = "Resolving secret references again failed with an unexpected {ExceptionType}; configuration keeps its last good values.")]
    public static partial void ReloadFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 4, EventName = "ValuesChanged", Level = LogLevel.Information,
        Message = "Secret references resolved to new values in {KeyCount} configuration keys; configuration reloads.")]
    public static partial void ValuesChanged(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 5, EventName = "ChangeListenerFailed", Level = LogLevel.Warning,
        Message = "A configuration change listener threw {ExceptionTypes} after secret references resolved to new values; the new values are served.")]
    public static partial void ChangeListenerFailed(ILogger logger, string exceptionTypes);
}
