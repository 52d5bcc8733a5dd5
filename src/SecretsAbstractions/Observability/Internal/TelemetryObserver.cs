using System.Diagnostics;

namespace SecretsAbstractions.Internal;

/// <summary>Records an activity, the duration and the errors of each operation, tagged with store, provider, operation,
/// outcome and error code only.</summary>
internal sealed class TelemetryObserver(SecretStoreInstrumentation instruments, Func<SecretStoreMetadata> metadata, TimeProvider timeProvider)
    : SecretStoreObserver(timeProvider)
{
    private SecretStoreMetadata? _metadata;

    private SecretStoreMetadata Metadata => _metadata ??= metadata();

    protected override object? OnStarted(string operation)
    {
        var source = SecretStoreInstrumentation.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        var activity = source.StartActivity(operation + " " + Metadata.StoreName, ActivityKind.Client);
        activity?.SetTag(SecretStoreTelemetry.StoreNameTag, Metadata.StoreName)
            .SetTag(SecretStoreTelemetry.ProviderNameTag, Metadata.ProviderName)
            .SetTag(SecretStoreTelemetry.OperationTag, operation);
        return activity;
    }

    protected override void OnCompleted(object? state, string operation, string? secretName, string outcome, Exception? error, TimeSpan elapsed)
    {
        string? errorType = error is not null && outcome == SecretStoreTelemetry.OutcomeFailure ? ErrorType(error) : null;
        var tags = new TagList
        {
            { SecretStoreTelemetry.StoreNameTag, Metadata.StoreName },
            { SecretStoreTelemetry.ProviderNameTag, Metadata.ProviderName },
            { SecretStoreTelemetry.OperationTag, operation },
            { SecretStoreTelemetry.OutcomeTag, outcome },
        };
        if (errorType is not null)
        {
            tags.Add(SecretStoreTelemetry.ErrorTypeTag, errorType);
        }

        if (instruments.Duration.Enabled)
        {
            instruments.Duration.Record(elapsed.TotalSeconds, tags);
        }

        if (errorType is not null && instruments.Errors.Enabled)
        {
            instruments.Errors.Add(1, tags);
        }

        if (state is Activity activity)
        {
            activity.SetTag(SecretStoreTelemetry.OutcomeTag, outcome);
            if (errorType is not null)
            {
                // The error code only: exception messages name secrets, and exception events would carry them.
                activity.SetTag(SecretStoreTelemetry.ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            activity.Dispose();
        }
    }
}
