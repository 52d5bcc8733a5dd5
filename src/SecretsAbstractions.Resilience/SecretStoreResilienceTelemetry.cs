namespace SecretsAbstractions.Resilience;

/// <summary>The instruments this package adds to the <see cref="SecretStoreTelemetry.MeterName"/> meter, tagged with
/// <see cref="SecretStoreTelemetry.StoreNameTag"/> (and, for retries, the operation and error code); never secret names or values.</summary>
public static class SecretStoreResilienceTelemetry
{
    /// <summary>Up-down counter of the circuit's state: it rises by 1 when a store's circuit opens and falls by 1 when it
    /// closes again, so its sum per store is 1 while calls are refused (open or half-open) and 0 while they pass.</summary>
    public const string CircuitOpenInstrument = "secrets.client.circuit_breaker.open";

    /// <summary>Counter of retries, tagged with the store, the operation and the error code of the failure retried.</summary>
    public const string RetriesInstrument = "secrets.client.retries";
}
