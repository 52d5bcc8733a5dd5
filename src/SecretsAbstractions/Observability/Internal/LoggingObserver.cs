using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Internal;

/// <summary>Logs how each operation ended: successes and cancellations at Debug, failures at Warning (store errors)
/// or Error (anything else), with the error code but never the exception or a value.</summary>
internal sealed class LoggingObserver(ILogger logger, bool logSecretNames, Func<SecretStoreMetadata> metadata, TimeProvider timeProvider)
    : SecretStoreObserver(timeProvider)
{
    private string? _storeName;

    private string StoreName => _storeName ??= SecretName.ForDisplay(metadata().StoreName);

    protected override object? OnStarted(string operation) => null;

    protected override void OnCompleted(object? state, string operation, string? secretName, string outcome, Exception? error, TimeSpan elapsed)
    {
        double milliseconds = elapsed.TotalMilliseconds;
        switch (error)
        {
            case null:
                SecretStoreLog.OperationSucceeded(logger, operation, StoreName, outcome, milliseconds);
                break;
            case OperationCanceledException when outcome == SecretStoreTelemetry.OutcomeCancelled:
                SecretStoreLog.OperationCancelled(logger, operation, StoreName, milliseconds);
                break;
            case SecretStoreException storeError:
                SecretStoreLog.OperationFailed(logger, operation, StoreName, storeError.ErrorCode, storeError.IsTransient, milliseconds);
                break;
            default:
                SecretStoreLog.OperationFailedUnexpectedly(logger, operation, StoreName, ErrorType(error), milliseconds);
                break;
        }

        if (logSecretNames && secretName is not null && logger.IsEnabled(LogLevel.Debug))
        {
            string ending = error is null ? outcome : outcome + " " + ErrorType(error);
            string displayName = SecretName.ForDisplay(secretName);
            SecretStoreLog.SecretOperationEnded(logger, operation, displayName, StoreName, ending);
        }
    }
}
