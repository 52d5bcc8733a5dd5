namespace SecretsAbstractions.Caching.Internal;

/// <summary>The options turned into timestamp ticks once, and the lives of new results computed from them.</summary>
internal sealed class CacheLifetimes
{
    private readonly CacheClock _clock;
    private readonly long _timeToLive;
    private readonly long _jitter;
    private readonly double? _refreshAheadThreshold;
    private readonly long _maxStaleness;
    private readonly long _negativeTimeToLive;
    private readonly long _failSafeRetryInterval;

    public CacheLifetimes(SecretCacheOptions options, CacheClock clock)
    {
        _clock = clock;
        _timeToLive = clock.ToTicks(options.TimeToLive);
        _jitter = clock.ToTicks(options.TimeToLiveJitter ?? options.TimeToLive / 10);
        _refreshAheadThreshold = options.RefreshAheadThreshold;
        _maxStaleness = clock.ToTicks(options.MaxStaleness);
        _negativeTimeToLive = clock.ToTicks(options.NegativeTimeToLive);
        _failSafeRetryInterval = clock.ToTicks(options.FailSafeRetryInterval);
    }

    /// <summary>Whether expired values are served while a background refresh runs.</summary>
    public bool RefreshAhead => _refreshAheadThreshold is not null;

    /// <summary>The life of a secret read at <paramref name="now"/>, with its share of jitter.</summary>
    public CachedResult Found(Secret secret, long now)
    {
        long life = _timeToLive + (_jitter > 0 ? Random.Shared.NextInt64(_jitter + 1) : 0);
        long expiresAt = now + life;
        long refreshAt = _refreshAheadThreshold is { } threshold ? now + (long)(life * threshold) : expiresAt;
        return new CachedResult(secret, now, refreshAt, expiresAt, expiresAt + _maxStaleness, _clock.Margin);
    }

    /// <summary>The life of a "not found" read at <paramref name="now"/>, or <see langword="null"/> when negative caching is off.</summary>
    public CachedResult? NotFound(long now)
    {
        if (_negativeTimeToLive == 0)
        {
            return null;
        }

        long expiresAt = now + _negativeTimeToLive;
        return new CachedResult(null, now, expiresAt, expiresAt, expiresAt + _maxStaleness, _clock.Margin);
    }

    /// <summary>When to try the backend again after a failure at <paramref name="now"/>, honouring the backend's
    /// own <see cref="SecretStoreException.RetryAfter"/> when longer.</summary>
    public long RetryAt(long now, TimeSpan? retryAfter) =>
        now + Math.Max(_failSafeRetryInterval, retryAfter is { } delay ? _clock.ToTicks(delay) : 0);
}
