namespace SecretsAbstractions.Caching.Internal;

/// <summary>Describes a <see cref="SecretCache"/> without values: one entry, or counts and counters for health and metrics.</summary>
internal sealed class CacheInspector(SecretCache cache)
{
    private readonly SecretCache _cache = cache;

    public SecretCacheEntryInfo? GetEntryInfo(string name, SecretVersion version)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_cache.Entries.TryGetValue(name, version, out var entry) || entry!.Result is not { } result)
        {
            return null;
        }

        long now = _cache.Clock.Now;
        var utcNow = _cache.Clock.TimeProvider.GetUtcNow();
        var failure = entry.LastFailure;
        return new SecretCacheEntryInfo
        {
            IsFound = result.Secret is not null,
            LoadedAt = _cache.Clock.ToDateTime(result.LoadedAt, now, utcNow),
            ExpiresAt = _cache.Clock.ToDateTime(result.ExpiresAt, now, utcNow),
            ServeStaleUntil = _cache.Clock.ToDateTime(result.StaleUntil, now, utcNow),
            Staleness = now > result.ExpiresAt ? _cache.Clock.TimeProvider.GetElapsedTime(result.ExpiresAt, now) : TimeSpan.Zero,
            IsRefreshing = entry.IsLoading,
            LastErrorCode = failure?.ErrorCode,
            LastFailureAt = failure is null ? null : _cache.Clock.ToDateTime(failure.FailedAt, now, utcNow),
        };
    }

    /// <summary>Counts entries served stale (expired, within max staleness, last refresh failed) and entries that
    /// cannot be served (last call failed, nothing servable left).</summary>
    public SecretCacheStatistics GetStatistics()
    {
        var (stale, failing, stalest) = CountFailing();
        return new SecretCacheStatistics
        {
            EntryCount = _cache.Entries.Entries.Count(),
            StaleEntryCount = stale,
            FailingEntryCount = failing,
            MaxStaleness = stalest,
            Hits = _cache.Counters.Hits,
            BackendReads = _cache.Counters.BackendReads,
            UnchangedProbes = _cache.Counters.UnchangedProbes,
            BackendFailures = _cache.Counters.BackendFailures,
            StaleServes = _cache.Counters.StaleServes,
            Evictions = _cache.Table.Evictions,
        };
    }

    /// <summary>What is served stale now; reads only the entries whose last call failed, so it is cheap enough for
    /// a health check to call on every check.</summary>
    public SecretStoreStaleness GetStaleness()
    {
        var (stale, _, stalest) = CountFailing();
        return stale == 0 ? SecretStoreStaleness.None : new SecretStoreStaleness(stale, stalest);
    }

    private (int Stale, int Failing, TimeSpan Stalest) CountFailing()
    {
        long now = _cache.Clock.Now;
        int stale = 0;
        int failing = 0;
        long stalest = 0;
        foreach (var entry in _cache.FailingEntries)
        {
            var result = entry.Result;
            if (result is not null && now < result.ExpiresAt)
            {
                continue;
            }

            if (result is not null && result.CanServeStaleAt(now))
            {
                stale++;
                stalest = Math.Max(stalest, now - result.ExpiresAt);
            }
            else
            {
                failing++;
            }
        }

        return (stale, failing, stalest == 0 ? TimeSpan.Zero : _cache.Clock.TimeProvider.GetElapsedTime(0, stalest));
    }
}
