using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>The provider's log messages. They name stores, secrets, keys and error codes, never values; an exception
/// is attached only when it is a <see cref="SecretStoreException"/> (whose messages never hold values).</summary>
internal static partial class SecretStoreConfigurationLog
{
    [LoggerMessage(EventId = 1, EventName = "LoadFailed", Level = LogLevel.Error,
        Message = "Loading configuration from secret store '{StoreName}' failed ({ErrorType}); the source is required, so startup fails.")]
    public static partial void LoadFailed(ILogger logger, string storeName, string errorType, Exception? exception);

    [LoggerMessage(EventId = 2, EventName = "LoadFailedIgnored", Level = LogLevel.Warning,
        Message = "Loading configuration from secret store '{StoreName}' failed ({ErrorType}); the source is optional (or the failure was ignored), so it starts empty.")]
    public static partial void LoadFailedIgnored(ILogger logger, string storeName, string errorType, Exception? exception);

    [LoggerMessage(EventId = 3, EventName = "ReloadFailed", Level = LogLevel.Warning,
        Message = "Reloading configuration from secret store '{StoreName}' failed ({ErrorType}); the last good values stay ({ConsecutiveFailures} failed reloads in a row).")]
    public static partial void ReloadFailed(ILogger logger, string storeName, string errorType, int consecutiveFailures, Exception? exception);

    [LoggerMessage(EventId = 4, EventName = "KeyCollision", Level = LogLevel.Warning,
        Message = "The secrets '{Winner}' and '{Loser}' of store '{StoreName}' both give the configuration key '{Key}'; '{Winner}' (updated last) is used.")]
    public static partial void KeyCollision(ILogger logger, string storeName, string key, string winner, string loser);

    [LoggerMessage(EventId = 5, EventName = "UnparsedJson", Level = LogLevel.Warning,
        Message = "The secret '{SecretName}' of store '{StoreName}' looks like a JSON object but does not parse as one (or repeats a key); it is loaded as plain text under the configuration key '{Key}'.")]
    public static partial void UnparsedJson(ILogger logger, string storeName, string secretName, string key);

    [LoggerMessage(EventId = 6, EventName = "Loaded", Level = LogLevel.Information,
        Message = "Loaded {SecretCount} secrets ({KeyCount} configuration keys) from secret store '{StoreName}'.")]
    public static partial void Loaded(ILogger logger, string storeName, int secretCount, int keyCount);

    [LoggerMessage(EventId = 7, EventName = "Reloaded", Level = LogLevel.Information,
        Message = "Configuration from secret store '{StoreName}' changed: {ReadCount} secrets read, {RemovedCount} gone; {SecretCount} secrets ({KeyCount} keys) now.")]
    public static partial void Reloaded(ILogger logger, string storeName, int readCount, int removedCount, int secretCount, int keyCount);

    [LoggerMessage(EventId = 8, EventName = "Unchanged", Level = LogLevel.Debug,
        Message = "Configuration from secret store '{StoreName}' is unchanged ({ReadCount} secrets read).")]
    public static partial void Unchanged(ILogger logger, string storeName, int readCount);

    [LoggerMessage(EventId = 9, EventName = "Recovered", Level = LogLevel.Information,
        Message = "Reloading configuration from secret store '{StoreName}' works again after {FailureCount} failures.")]
    public static partial void Recovered(ILogger logger, string storeName, int failureCount);

    [LoggerMessage(EventId = 10, EventName = "CallbackFailed", Level = LogLevel.Warning,
        Message = "A callback of the configuration from secret store '{StoreName}' ({Callback}) threw {ExceptionType}; it is ignored.")]
    public static partial void CallbackFailed(ILogger logger, string storeName, string callback, string exceptionType);

    [LoggerMessage(EventId = 11, EventName = "SecretSkipped", Level = LogLevel.Debug,
        Message = "The secret '{SecretName}' of store '{StoreName}' is not loaded: {Reason}.")]
    public static partial void SecretSkipped(ILogger logger, string storeName, string secretName, string reason);
}
