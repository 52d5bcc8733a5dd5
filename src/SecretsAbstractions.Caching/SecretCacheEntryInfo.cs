namespace SecretsAbstractions.Caching;

/// <summary>What the cache holds for one secret name and version, from
/// <see cref="CachingSecretStore.GetEntryInfo"/>. Holds no value.</summary>
public readonly record struct SecretCacheEntryInfo
{
    /// <summary>Whether the cache holds the secret (<see langword="true"/>) or a cached "not found".</summary>
    public required bool IsFound { get; init; }

    /// <summary>When the cached result was read from the backend (or confirmed unchanged by a change probe).</summary>
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>When the cached result stops being fresh.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Until when the cached value may be served after expiry, when the backend fails.</summary>
    public required DateTimeOffset ServeStaleUntil { get; init; }

    /// <summary>How long past <see cref="ExpiresAt"/> the cached result is now; <see cref="TimeSpan.Zero"/> while fresh.</summary>
    public required TimeSpan Staleness { get; init; }

    /// <summary>Whether a backend call for this entry is running.</summary>
    public required bool IsRefreshing { get; init; }

    /// <summary>The error code of the last failed backend call for this entry, when the last call failed.</summary>
    public SecretStoreErrorCode? LastErrorCode { get; init; }

    /// <summary>When the last backend call for this entry failed, when it failed.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>Whether the cached result has expired.</summary>
    public bool IsStale => Staleness > TimeSpan.Zero;
}
