namespace SecretsAbstractions.Resilience.Tests.Support;

/// <summary>Option presets that keep tests to the one strategy they look at.</summary>
internal static class Quiet
{
    /// <summary>No timeouts, no circuit breaker, no delay between retries: only the retry decision is left.</summary>
    public static void RetriesOnly(SecretStoreResilienceOptions options, int maxRetryAttempts = 3)
    {
        options.TotalTimeout = null;
        options.AttemptTimeout = null;
        options.CircuitBreaker.Enabled = false;
        options.Retry.MaxRetryAttempts = maxRetryAttempts;
        options.Retry.BaseDelay = TimeSpan.Zero;
        options.Retry.MaxDelay = TimeSpan.Zero;
    }

    /// <summary>No timeouts, no circuit breaker, deterministic exponential backoff from 2 seconds.</summary>
    public static void Backoff(SecretStoreResilienceOptions options)
    {
        options.TotalTimeout = null;
        options.AttemptTimeout = null;
        options.CircuitBreaker.Enabled = false;
        options.Retry.UseJitter = false;
    }
}
