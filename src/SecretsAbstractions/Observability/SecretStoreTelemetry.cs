namespace SecretsAbstractions;

/// <summary>
/// The names under which SecretsAbstractions reports traces and metrics: subscribe to
/// <see cref="ActivitySourceName"/> and <see cref="MeterName"/> (for example <c>AddSource("SecretsAbstractions")</c> and
/// <c>AddMeter("SecretsAbstractions")</c> in OpenTelemetry). Other packages (caching, resilience) add their instruments
/// to the same meter name.
/// </summary>
/// <remarks>
/// Tags carry the store, the provider, the operation, the outcome and the error code: a small, fixed set of values.
/// They never carry secret values, nor secret names (unbounded cardinality, and names can reveal what an application
/// holds).
/// </remarks>
public static class SecretStoreTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>SecretsAbstractions</c>.</summary>
    public const string ActivitySourceName = "SecretsAbstractions";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>SecretsAbstractions</c>.</summary>
    public const string MeterName = "SecretsAbstractions";

    /// <summary>Histogram of the duration of store operations, in seconds, tagged with <see cref="StoreNameTag"/>,
    /// <see cref="ProviderNameTag"/>, <see cref="OperationTag"/>, <see cref="OutcomeTag"/> and, on failure, <see cref="ErrorTypeTag"/>.</summary>
    public const string OperationDurationInstrument = "secrets.client.operation.duration";

    /// <summary>Counter of failed store operations, tagged with <see cref="StoreNameTag"/>, <see cref="ProviderNameTag"/>,
    /// <see cref="OperationTag"/> and <see cref="ErrorTypeTag"/>.</summary>
    public const string OperationErrorsInstrument = "secrets.client.operation.errors";

    /// <summary>The store's name (its DI key or configured name; <see cref="SecretStoreMetadata.StoreName"/>).</summary>
    public const string StoreNameTag = "secrets.store.name";

    /// <summary>The store's provider (<see cref="SecretStoreMetadata.ProviderName"/>).</summary>
    public const string ProviderNameTag = "secrets.provider.name";

    /// <summary>The operation, one of <see cref="SecretStoreOperations"/>.</summary>
    public const string OperationTag = "secrets.operation.name";

    /// <summary>How the operation ended: <see cref="OutcomeSuccess"/>, <see cref="OutcomeNotFound"/>,
    /// <see cref="OutcomeFailure"/> or <see cref="OutcomeCancelled"/>.</summary>
    public const string OutcomeTag = "secrets.operation.outcome";

    /// <summary>On failure, the <see cref="SecretStoreErrorCode"/> name, or the exception's type name when the failure is
    /// not a <see cref="SecretStoreException"/>.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The operation succeeded.</summary>
    public const string OutcomeSuccess = "success";

    /// <summary>A read found no such secret or version.</summary>
    public const string OutcomeNotFound = "not_found";

    /// <summary>The operation failed.</summary>
    public const string OutcomeFailure = "failure";

    /// <summary>The caller cancelled the operation.</summary>
    public const string OutcomeCancelled = "cancelled";
}
