namespace SecretsAbstractions.Caching;

/// <summary>The instruments <see cref="CachingSecretStore"/> adds to the <see cref="SecretStoreTelemetry.MeterName"/> meter.</summary>
/// <remarks>
/// <para>Every measurement is tagged with <see cref="SecretStoreTelemetry.StoreNameTag"/> and
/// <see cref="SecretStoreTelemetry.ProviderNameTag"/> of the cached store, and nothing else: never a secret name or value.</para>
/// <para>All are observable instruments, read when a listener collects them from counters the cache keeps anyway, so a
/// cached hit records nothing on the meter and still allocates nothing. The meter is created for each
/// <see cref="CachingSecretStore"/> (from <see cref="SecretCacheOptions.MeterFactory"/>, else the
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> registered in the services the store is built with, else a meter of
/// its own, disposed with the store); once the store is disposed, its instruments report nothing.</para>
/// </remarks>
public static class SecretStoreCachingTelemetry
{
    /// <summary>Observable counter of reads answered from the cache with a fresh value (including values being refreshed
    /// ahead of expiry), in <c>{hit}</c>.</summary>
    public const string HitsInstrument = "secrets.client.cache.hits";

    /// <summary>Observable counter of the reads the cache made from the backend (cold reads, refreshes and batch calls;
    /// concurrent readers of one key share one), in <c>{miss}</c>; <see cref="SecretCacheStatistics.BackendReads"/>.</summary>
    public const string MissesInstrument = "secrets.client.cache.misses";

    /// <summary>Observable counter of reads answered with an expired value because the backend failed or was being
    /// refreshed, in <c>{read}</c>; <see cref="SecretCacheStatistics.StaleServes"/>.</summary>
    public const string StaleServesInstrument = "secrets.client.cache.stale_serves";

    /// <summary>Observable gauge of how many values the cache serves stale now because refreshing them failed, in
    /// <c>{entry}</c>; <see cref="SecretCacheStatistics.StaleEntryCount"/>.</summary>
    public const string StaleEntriesInstrument = "secrets.client.cache.stale_entries";

    /// <summary>Observable gauge of how long past its expiry the stalest value served stale is, in seconds (<c>s</c>);
    /// 0 while every value served is fresh. <see cref="SecretCacheStatistics.MaxStaleness"/>.</summary>
    public const string MaxStalenessInstrument = "secrets.client.cache.max_staleness";
}
