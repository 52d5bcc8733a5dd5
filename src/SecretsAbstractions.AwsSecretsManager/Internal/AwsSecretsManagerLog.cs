using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.AwsSecretsManager.Internal;

/// <summary>The store's log messages. They name stores, secrets, statuses, error types and request ids; never
/// values, credentials or response bodies.</summary>
internal static partial class AwsSecretsManagerLog
{
    [LoggerMessage(EventId = 1, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' failed {Operation} of secret '{SecretName}': {ErrorCode} (Secrets Manager status {Status}, {AwsErrorType}, request id {RequestId}).")]
    public static partial void RequestFailed(ILogger logger, string storeName, string operation, string secretName, SecretStoreErrorCode errorCode, int status, string? awsErrorType, string? requestId);

    [LoggerMessage(EventId = 2, EventName = "TransportFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' could not complete {Operation}: {ErrorCode} ({ExceptionType}).")]
    public static partial void TransportFailed(ILogger logger, string storeName, string operation, SecretStoreErrorCode errorCode, string exceptionType);

    [LoggerMessage(EventId = 3, EventName = "UnmappableNameSkipped", Level = LogLevel.Debug,
        Message = "Store '{StoreName}' skipped the Secrets Manager secret '{NativeName}' while listing: it has no logical name.")]
    public static partial void UnmappableNameSkipped(ILogger logger, string storeName, string nativeName);
}
