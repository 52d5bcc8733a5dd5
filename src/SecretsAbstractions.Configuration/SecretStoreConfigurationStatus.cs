namespace SecretsAbstractions.Configuration;

/// <summary>How a <see cref="SecretStoreConfigurationProvider"/>'s loads are going: read by
/// <see cref="SecretStoreConfigurationHealthCheck"/>, and by applications that want to show it. Holds nothing secret.</summary>
public sealed class SecretStoreConfigurationStatus
{
    internal static readonly SecretStoreConfigurationStatus NotLoaded = new(null, null, null, 0, 0, 0);

    internal SecretStoreConfigurationStatus(
        DateTimeOffset? lastSuccessAt, DateTimeOffset? lastFailureAt, string? lastErrorType, int consecutiveFailures, int secretCount, int keyCount)
    {
        LastSuccessAt = lastSuccessAt;
        LastFailureAt = lastFailureAt;
        LastErrorType = lastErrorType;
        ConsecutiveFailures = consecutiveFailures;
        SecretCount = secretCount;
        KeyCount = keyCount;
    }

    /// <summary>When a load last succeeded; <see langword="null"/> while none has.</summary>
    public DateTimeOffset? LastSuccessAt { get; }

    /// <summary>When a load last failed; <see langword="null"/> while none has.</summary>
    public DateTimeOffset? LastFailureAt { get; }

    /// <summary>Why the last failed load failed: the <see cref="SecretStoreErrorCode"/> name, or the exception's type
    /// name when the cause was not a store error (<c>TimeoutException</c> past the budget, <c>InvalidOperationException</c>
    /// for a key collision with <see cref="SecretKeyCollisionBehavior.Throw"/>).</summary>
    public string? LastErrorType { get; }

    /// <summary>How many loads in a row failed; 0 after a success.</summary>
    public int ConsecutiveFailures { get; }

    /// <summary>How many secrets the current configuration holds.</summary>
    public int SecretCount { get; }

    /// <summary>How many configuration keys the current configuration holds.</summary>
    public int KeyCount { get; }

    /// <summary>Whether a load has succeeded, so the configuration holds the store's values (possibly stale).</summary>
    public bool HasLoaded => LastSuccessAt is not null;

    /// <summary>Whether the last load failed.</summary>
    public bool IsFailing => ConsecutiveFailures > 0;

    internal SecretStoreConfigurationStatus Succeeded(DateTimeOffset now, int secretCount, int keyCount) =>
        new(now, LastFailureAt, LastErrorType, 0, secretCount, keyCount);

    internal SecretStoreConfigurationStatus Failed(DateTimeOffset now, string errorType) =>
        new(LastSuccessAt, now, errorType, ConsecutiveFailures + 1, SecretCount, KeyCount);
}
