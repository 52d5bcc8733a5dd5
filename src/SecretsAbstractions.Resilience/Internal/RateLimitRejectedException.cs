namespace SecretsAbstractions.Resilience.Internal;

/// <summary>A permit refused by the client-side rate limiter: a <see cref="SecretStoreErrorCode.Throttled"/> failure that
/// never reached the backend, so the circuit breaker does not count it.</summary>
internal sealed class RateLimitRejectedException : SecretStoreException
{
    public const string Reason = "The client-side rate limiter refused a permit.";

    public RateLimitRejectedException(string message)
        : base(SecretStoreErrorCode.Throttled, message, innerException: null, isTransient: true)
    {
    }

    public RateLimitRejectedException()
        : this(Reason)
    {
    }

    public RateLimitRejectedException(string message, Exception? innerException)
        : base(SecretStoreErrorCode.Throttled, message, innerException, isTransient: true)
    {
    }
}
