namespace SecretsAbstractions.Resilience;

/// <summary>Retries of transient failures; part of <see cref="SecretStoreResilienceOptions"/>.</summary>
/// <remarks>
/// <para>A failure is retried when it is a <see cref="SecretStoreException"/> whose <see cref="SecretStoreException.IsTransient"/>
/// is <see langword="true"/>, or an attempt that ran out of <see cref="SecretStoreResilienceOptions.AttemptTimeout"/>.
/// Nothing else is: not <see cref="SecretStoreErrorCode.NotFound"/>, <see cref="SecretStoreErrorCode.AccessDenied"/>,
/// <see cref="SecretStoreErrorCode.Unauthenticated"/>, <see cref="SecretStoreErrorCode.InvalidName"/>, nor any exception
/// that is not a <see cref="SecretStoreException"/>.</para>
/// <para>When the failure carries <see cref="SecretStoreException.RetryAfter"/>, the next attempt waits exactly that long
/// instead of the backoff. When that wait does not fit in what is left of <see cref="SecretStoreResilienceOptions.TotalTimeout"/>,
/// the operation fails at once with <see cref="SecretStoreErrorCode.Throttled"/> carrying the requested delay in
/// <see cref="SecretStoreException.RetryAfter"/>, instead of waiting for a timeout.</para>
/// <para>Writes: deletes are idempotent and retried like reads. A set that failed with
/// <see cref="SecretStoreErrorCode.Throttled"/> was refused before the backend stored anything and is retried; a set that
/// failed with <see cref="SecretStoreErrorCode.Unavailable"/> or <see cref="SecretStoreErrorCode.Timeout"/> may have stored
/// a new version (a set is not idempotent on every backend: each one adds a version, and check-and-set writes would
/// conflict), so it is not retried unless <see cref="RetryAmbiguousWrites"/> is set.</para>
/// </remarks>
public sealed class SecretStoreRetryOptions
{
    /// <summary>The most retries after the first attempt; 0 turns retries off. Default: 3. Range: 0 to 100.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The delay before the first retry; later retries double it (exponential backoff). Default: 2 seconds.
    /// Range: 0 to 1 day.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest backoff delay. Default: 30 seconds. Must not be less than <see cref="BaseDelay"/>.
    /// A <see cref="SecretStoreException.RetryAfter"/> requested by the backend is honoured even when it is longer.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether backoff delays are randomized (decorrelated jitter) so that a fleet does not retry in step.
    /// Default: <see langword="true"/>.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Whether a set that failed with <see cref="SecretStoreErrorCode.Unavailable"/> or
    /// <see cref="SecretStoreErrorCode.Timeout"/>, which the backend may have stored anyway, is retried (and may then store
    /// a second version). Default: <see langword="false"/>.</summary>
    public bool RetryAmbiguousWrites { get; set; }
}
