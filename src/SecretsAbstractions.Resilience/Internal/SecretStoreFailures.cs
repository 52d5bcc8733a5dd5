using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Which failures the retry and the circuit breaker handle.</summary>
internal static class SecretStoreFailures
{
    /// <summary>A transient store failure or an attempt that ran out of time. A local rate-limit refusal is transient
    /// too, but <see cref="CountsAgainstBackend"/> keeps it away from the circuit breaker.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        TimeoutRejectedException => true,
        BrokenCircuitException => false,
        SecretStoreException error => error.IsTransient,
        _ => false,
    };

    /// <summary>A transient failure that says something about the backend's health.</summary>
    public static bool CountsAgainstBackend(Exception? exception) =>
        exception is not RateLimitRejectedException && IsTransient(exception);

    /// <summary>Whether the failure leaves it unknown whether a set was stored.</summary>
    public static bool IsAmbiguousForWrites(Exception? exception) => exception switch
    {
        RateLimitRejectedException => false,
        SecretStoreException { ErrorCode: SecretStoreErrorCode.Throttled } => false,
        _ => true,
    };
}
