namespace SecretsAbstractions.Resilience;

/// <summary>The circuit breaker of <see cref="SecretStoreResilienceOptions"/>: when too many recent attempts failed with
/// transient failures, calls fail at once with <see cref="SecretStoreErrorCode.Unavailable"/> (carrying the remaining break
/// time in <see cref="SecretStoreException.RetryAfter"/>) without reaching the backend, until a trial call succeeds.</summary>
/// <remarks>An open circuit is reported as <see cref="SecretStoreErrorCode.Unavailable"/> because, for the caller, the
/// backend cannot be used right now; the failure is transient. It is not retried by this decorator's own retry
/// (retrying into an open circuit only burns attempts).</remarks>
public sealed class SecretStoreCircuitBreakerOptions
{
    /// <summary>Whether the circuit breaker is on. Default: <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of failed attempts, within <see cref="SamplingDuration"/>, that opens the circuit.
    /// Default: 0.1 (10 %). Range: greater than 0, at most 1.</summary>
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>The fewest attempts within <see cref="SamplingDuration"/> before the circuit may open.
    /// Default: 100. Minimum: 2.</summary>
    public int MinimumThroughput { get; set; } = 100;

    /// <summary>The window over which failures are counted. Default: 30 seconds. Minimum: 500 milliseconds, and at least
    /// twice <see cref="SecretStoreResilienceOptions.AttemptTimeout"/>.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call is let through. Default: 5 seconds.
    /// Minimum: 500 milliseconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
