using System.Threading.RateLimiting;

namespace SecretsAbstractions.Resilience;

/// <summary>
/// Options of <see cref="SecretStoreResilienceBuilderExtensions.UseResilience(SecretStoreBuilder, Action{SecretStoreResilienceOptions}?)"/>,
/// with defaults in the spirit of the standard HTTP resilience handler: a 30 s total timeout around
/// 3 retries with exponential backoff and jitter (2 s base), a circuit breaker and a 10 s timeout per attempt.
/// </summary>
/// <remarks>
/// <para>The pipeline, outermost first: total timeout, retry, rate limiter, circuit breaker, attempt timeout.</para>
/// <para>Only failures that say they are transient (<see cref="SecretStoreException.IsTransient"/>, by default
/// <see cref="SecretStoreErrorCode.Throttled"/>, <see cref="SecretStoreErrorCode.Unavailable"/> and
/// <see cref="SecretStoreErrorCode.Timeout"/>) and expired attempts are retried and counted by the circuit breaker.</para>
/// <para><b>Retries never multiply with an adapter's own SDK retries:</b> exactly one layer retries. Adapters keep
/// their SDK's retries off and report transient failures with <see cref="SecretStoreException.IsTransient"/> set, so this
/// decorator is the layer that retries. An adapter that keeps its SDK's retries on reports the failure it gives up on
/// with <c>isTransient: false</c>, and this decorator does not retry it again (the attempt count is then 1).</para>
/// <para>Options are validated when the decorator is composed; invalid options throw
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming every offending option.</para>
/// </remarks>
public sealed class SecretStoreResilienceOptions
{
    /// <summary>The time allowed for a whole operation, every attempt and every delay between attempts included;
    /// <see langword="null"/> for none. Default: 30 seconds. When it runs out the operation fails with
    /// <see cref="SecretStoreErrorCode.Timeout"/>. It also bounds <see cref="SecretStoreException.RetryAfter"/>: a requested
    /// wait that does not fit in what is left fails at once with <see cref="SecretStoreErrorCode.Throttled"/>; without a total
    /// timeout every requested wait is honoured, bounded only by the caller's cancellation.</summary>
    public TimeSpan? TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time allowed for one attempt; <see langword="null"/> for none. Default: 10 seconds. An attempt that
    /// runs out is cancelled and counts as a transient failure (retried, seen by the circuit breaker); when no retry is
    /// left the operation fails with <see cref="SecretStoreErrorCode.Timeout"/>. Must not exceed <see cref="TotalTimeout"/>.</summary>
    public TimeSpan? AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of transient failures.</summary>
    public SecretStoreRetryOptions Retry { get; set; } = new();

    /// <summary>The circuit breaker that stops calling a failing backend for a while.</summary>
    public SecretStoreCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>An optional client-side rate limiter (for example a <see cref="TokenBucketRateLimiter"/> sized to the
    /// backend's quota, shared by every instance of the store in the process). Each attempt, retries included,
    /// acquires one permit before it reaches the backend. Default: <see langword="null"/> (no limit).</summary>
    /// <remarks>A permit that is refused fails the attempt with <see cref="SecretStoreErrorCode.Throttled"/>, carrying the
    /// limiter's retry-after hint when it has one; such failures are retried like backend throttling but never open the
    /// circuit. The caller owns the limiter and disposes it.</remarks>
    public RateLimiter? RateLimiter { get; set; }

    /// <summary>The clock for timeouts, backoff and the circuit breaker; <see langword="null"/> to use the
    /// <see cref="System.TimeProvider"/> registered in the services the store is built with, else
    /// <see cref="TimeProvider.System"/>. Default: <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
