using System.Diagnostics.Metrics;

namespace SecretsAbstractions.Caching;

/// <summary>
/// How <see cref="CachingSecretStore"/> caches secrets. Validated when the cache is composed
/// (<c>UseCaching</c> or the <see cref="CachingSecretStore"/> constructor), with a message naming the option.
/// </summary>
/// <remarks>
/// <para>The life of a cached secret, measured from the moment it was read from the backend:
/// fresh until <see cref="TimeToLive"/> (plus a random share of <see cref="TimeToLiveJitter"/>, a tenth of it by default); from
/// <see cref="RefreshAheadThreshold"/> of that time on, a read still returns the cached value at once and
/// starts one background refresh. After expiry, the value may still be served up to
/// <see cref="MaxStaleness"/> later, but only when the backend fails (fail-safe) or while a background
/// refresh runs (with refresh-ahead on); then it is gone.</para>
/// <para>Fail-safe applies to transient failures (<see cref="SecretStoreErrorCode.Throttled"/>,
/// <see cref="SecretStoreErrorCode.Unavailable"/>, <see cref="SecretStoreErrorCode.Timeout"/>, or any error the
/// store marks <see cref="SecretStoreException.IsTransient"/>) and to
/// <see cref="SecretStoreErrorCode.Unauthenticated"/> (an expired token must not take the application down).
/// Any other failure, such as <see cref="SecretStoreErrorCode.AccessDenied"/> or
/// <see cref="SecretStoreErrorCode.Disabled"/>, drops the cached value: a revoked permission takes effect at once.</para>
/// </remarks>
public sealed class SecretCacheOptions
{
    /// <summary>The longest <see cref="TimeToLive"/>, <see cref="MaxStaleness"/> and <see cref="NegativeTimeToLive"/> accepted: 365 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>How long a secret read from the backend is served without asking the backend again;
    /// 5 minutes by default. Greater than zero.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most random time added to each entry's <see cref="TimeToLive"/>, so that a fleet of
    /// processes does not refresh in step; <see langword="null"/> (the default) for a tenth of <see cref="TimeToLive"/>.
    /// Between zero (no jitter) and <see cref="TimeToLive"/>.</summary>
    public TimeSpan? TimeToLiveJitter { get; set; }

    /// <summary>The share of an entry's time to live after which a read refreshes it in the background while
    /// still returning the cached value (refresh-ahead); 0.8 by default. Greater than 0 and less than 1, or
    /// <see langword="null"/> to turn refresh-ahead off, in which case a read of an expired entry waits for
    /// the backend (one call for all concurrent readers).</summary>
    /// <remarks>With refresh-ahead on, a read of an entry that has expired but is within
    /// <see cref="MaxStaleness"/> also returns the cached value at once and refreshes it in the background:
    /// readers never wait for a value the cache already has.</remarks>
    public double? RefreshAheadThreshold { get; set; } = 0.8;

    /// <summary>How long after expiry the last good value (or the last "not found") may still be served when the
    /// backend fails (fail-safe); 1 hour by default. <see cref="TimeSpan.Zero"/> turns fail-safe (and serving expired
    /// values during a background refresh) off. Between zero and <see cref="MaxDuration"/>.</summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After a failed refresh that was answered with a stale value, how long reads keep getting that
    /// stale value before the backend is tried again; 30 seconds by default, or the failure's
    /// <see cref="SecretStoreException.RetryAfter"/> when longer. Greater than zero.</summary>
    public TimeSpan FailSafeRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long "not found" is cached; 30 seconds by default. <see cref="TimeSpan.Zero"/> turns
    /// negative caching off (concurrent readers of a missing secret still share one backend call).</summary>
    public TimeSpan NegativeTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most entries kept (one per secret name and version read, found or not); 10,000 by default.
    /// When the bound is passed, the least recently used entries are evicted, a sixteenth of the bound at a
    /// time so that eviction stays cheap. At least 1.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The clock; by default the <see cref="System.TimeProvider"/> registered in the services the store is
    /// built with, else <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Creates the <see cref="SecretStoreTelemetry.MeterName"/> meter the cache reports its
    /// <see cref="SecretStoreCachingTelemetry"/> instruments on; by default the <see cref="IMeterFactory"/> registered in the
    /// services the store is built with, else a meter of the store's own, disposed with it.</summary>
    public IMeterFactory? MeterFactory { get; set; }

    internal SecretCacheOptions Clone() => (SecretCacheOptions)MemberwiseClone();
}
