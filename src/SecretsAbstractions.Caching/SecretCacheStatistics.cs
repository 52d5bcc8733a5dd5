namespace SecretsAbstractions.Caching;

/// <summary>
/// A snapshot of a <see cref="CachingSecretStore"/>, from <see cref="CachingSecretStore.GetStatistics"/>, for health
/// checks and metrics: how many entries it serves stale or cannot serve, and counters since it was created.
/// Holds no names and no values.
/// </summary>
public sealed record SecretCacheStatistics
{
    /// <summary>How many entries the cache holds, found or not found.</summary>
    public required int EntryCount { get; init; }

    /// <summary>How many entries are expired, within their maximum staleness, and whose last refresh failed:
    /// values the cache serves because the backend fails. Non-zero means degraded.</summary>
    public required int StaleEntryCount { get; init; }

    /// <summary>How many entries failed their last backend call and have nothing left to serve (never loaded,
    /// or past their maximum staleness): reads of them fail. Non-zero means unhealthy for those secrets.</summary>
    public required int FailingEntryCount { get; init; }

    /// <summary>The staleness of the stalest entry counted in <see cref="StaleEntryCount"/>; zero when none.</summary>
    public required TimeSpan MaxStaleness { get; init; }

    /// <summary>How many reads were answered from the cache with a fresh value (including values being refreshed ahead of
    /// expiry); reported as <see cref="SecretStoreCachingTelemetry.HitsInstrument"/>.</summary>
    public long Hits { get; init; }

    /// <summary>How many times the backend was asked for a value (reads and batch reads of misses and refreshes).</summary>
    public required long BackendReads { get; init; }

    /// <summary>How many change probes found the cached value unchanged, saving a read.</summary>
    public required long UnchangedProbes { get; init; }

    /// <summary>How many backend calls failed.</summary>
    public required long BackendFailures { get; init; }

    /// <summary>How many reads were answered with an expired value because the backend failed or was being retried.</summary>
    public required long StaleServes { get; init; }

    /// <summary>How many entries were evicted to keep within <see cref="SecretCacheOptions.MaxEntries"/>.</summary>
    public required long Evictions { get; init; }
}
