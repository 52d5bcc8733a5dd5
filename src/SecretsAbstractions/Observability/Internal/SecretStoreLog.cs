using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Internal;

/// <summary>The logging decorator's messages. They never carry a secret value nor an exception (whose message can name
/// a secret, and whose inner exception can quote a backend's response); secret names appear only in the Debug messages
/// that <see cref="SecretStoreLoggingOptions.LogSecretNames"/> turns on.</summary>
internal static partial class SecretStoreLog
{
    [LoggerMessage(EventId = 1, EventName = "OperationSucceeded", Level = LogLevel.Debug,
        Message = "{Operation} on store '{StoreName}' ended with {Outcome} in {ElapsedMilliseconds} ms.")]
    public static partial void OperationSucceeded(ILogger logger, string operation, string storeName, string outcome, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "OperationFailed", Level = LogLevel.Warning,
        Message = "{Operation} on store '{StoreName}' failed with {ErrorCode} (transient: {IsTransient}) after {ElapsedMilliseconds} ms.")]
    public static partial void OperationFailed(ILogger logger, string operation, string storeName, SecretStoreErrorCode errorCode, bool isTransient, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3, EventName = "OperationFailedUnexpectedly", Level = LogLevel.Error,
        Message = "{Operation} on store '{StoreName}' failed with an unexpected {ExceptionType} after {ElapsedMilliseconds} ms; stores should only throw SecretStoreException.")]
    public static partial void OperationFailedUnexpectedly(ILogger logger, string operation, string storeName, string exceptionType, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4, EventName = "OperationCancelled", Level = LogLevel.Debug,
        Message = "{Operation} on store '{StoreName}' was cancelled after {ElapsedMilliseconds} ms.")]
    public static partial void OperationCancelled(ILogger logger, string operation, string storeName, double elapsedMilliseconds);

    [LoggerMessage(EventId = 5, EventName = "SecretOperationEnded", Level = LogLevel.Debug,
        Message = "{Operation} of secret '{SecretName}' on store '{StoreName}' ended with {Outcome}.")]
    public static partial void SecretOperationEnded(ILogger logger, string operation, string secretName, string storeName, string outcome);
}
