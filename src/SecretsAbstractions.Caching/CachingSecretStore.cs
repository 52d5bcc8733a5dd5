using SecretsAbstractions.Caching.Internal;

namespace SecretsAbstractions.Caching;

/// <summary>
/// A decorator that keeps secrets read from the inner store in process memory (never on disk, never in a
/// distributed cache), as described by <see cref="SecretCacheOptions"/>. Compose it with
/// <see cref="SecretStoreBuilderCachingExtensions.UseCaching(SecretStoreBuilder, Action{SecretCacheOptions})"/>.
/// </summary>
/// <remarks>
/// <para>A cached read allocates nothing and takes no lock. Concurrent readers of a missing or expired entry share
/// one backend call (single-flight, per key: a slow call for one secret never delays another). Latest and
/// version-pinned reads are cached separately, by name and version; entries are keyed by the inner store's
/// identity too.</para>
/// <para>Writes made through this store's <see cref="ISecretWriter"/> drop what the cache holds for that secret;
/// writes made around it (another process, the console) are seen when the entry expires, or after
/// <see cref="Invalidate(string)"/>. Listings are not cached.</para>
/// <para>A hit reads a clock that a timer of the <see cref="TimeProvider"/> advances every second, and trusts it only
/// until two seconds before an entry's refresh time; closer to it, a read asks the <see cref="TimeProvider"/>. Only a
/// thread pool starved for more than two seconds (the timer cannot run) can make an entry be served late.</para>
/// <para>A backend call that never returns holds the readers that wait for it (each may leave with its own
/// cancellation token): compose a total timeout inside the cache, <c>UseCaching().UseResilience()</c>.</para>
/// <para>Staleness is visible per entry with <see cref="GetEntryInfo"/>, for the whole cache with
/// <see cref="GetStatistics"/>, and to <see cref="SecretStoreHealthCheck"/> through <see cref="ISecretStoreStalenessSource"/>; find the cache in a chain with <c>store.GetService&lt;CachingSecretStore&gt;()</c>.</para>
/// <para>Hits, misses, stale serves and staleness are reported on the <see cref="SecretStoreTelemetry.MeterName"/> meter, as
/// described by <see cref="SecretStoreCachingTelemetry"/>, tagged with the store's name and provider only.</para>
/// </remarks>
public sealed class CachingSecretStore : DelegatingSecretStore, ISecretStoreStalenessSource
{
    private readonly SecretCache _cache;
    private readonly CacheBatchReader _batch;
    private readonly CacheInspector _inspector;
    private readonly CacheMetrics _metrics;

    /// <summary>Creates a caching decorator.</summary>
    /// <param name="innerStore">The store to cache.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>. Validated and copied.</param>
    /// <param name="timeProvider">The clock; <see cref="SecretCacheOptions.TimeProvider"/>, else <see cref="TimeProvider.System"/>, when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; the message names it.</exception>
    public CachingSecretStore(ISecretStore innerStore, SecretCacheOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerStore)
    {
        var validated = SecretCacheOptionsValidator.ThrowIfInvalid(options?.Clone() ?? new SecretCacheOptions());
        _cache = new SecretCache(innerStore, validated, timeProvider ?? validated.TimeProvider ?? TimeProvider.System);
        (_batch, _inspector) = (new CacheBatchReader(_cache), new CacheInspector(_cache));
        _metrics = new CacheMetrics(_cache, _inspector, validated.MeterFactory);
    }

    internal CachingSecretStore(ISecretStore innerStore, SecretCacheOptions options, CacheTable sharedTable)
        : base(innerStore)
    {
        _cache = new SecretCache(innerStore, SecretCacheOptionsValidator.ThrowIfInvalid(options.Clone()), sharedTable, ownsTable: false);
        (_batch, _inspector) = (new CacheBatchReader(_cache), new CacheInspector(_cache));
        _metrics = new CacheMetrics(_cache, _inspector, options.MeterFactory);
    }

    internal SecretCache Cache => _cache;

    internal CacheMetrics Metrics => _metrics;

    /// <inheritdoc/>
    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _cache.TryGetFresh(name, version, out var secret)
            ? new ValueTask<Secret?>(secret)
            : _cache.GetAsync(name, version, cancellationToken);
    }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        return _batch.GetManyAsync(requests, cancellationToken);
    }

    /// <summary>Wraps the inner store's writer so that writes drop the cached secret.</summary>
    /// <param name="innerWriter">The inner store's writer.</param>
    /// <returns>The invalidating writer.</returns>
    protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new InvalidatingSecretWriter(innerWriter, _cache);

    /// <summary>Drops every cached version of a secret, found or not found; the next read asks the backend.</summary>
    /// <param name="name">The logical name.</param>
    /// <returns>How many entries were dropped.</returns>
    public int Invalidate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _cache.Invalidate(name);
    }

    /// <summary>Drops one cached version of a secret.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="version">The version, as it was read (latest, an id or a stage).</param>
    /// <returns>How many entries were dropped (0 or 1).</returns>
    public int Invalidate(string name, SecretVersion version)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _cache.Invalidate(name, version);
    }

    /// <summary>Drops everything this store has cached.</summary>
    /// <returns>How many entries were dropped.</returns>
    public int InvalidateAll() => _cache.Clear();

    /// <summary>Describes what the cache holds for a secret name and version: when it was loaded, when it expires,
    /// how stale it is and whether the backend failed. Never the value.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="version">The version, as it is read; latest by default.</param>
    /// <returns>The description, or <see langword="null"/> when nothing is cached for that name and version.</returns>
    public SecretCacheEntryInfo? GetEntryInfo(string name, SecretVersion version = default) => _inspector.GetEntryInfo(name, version);

    /// <summary>Counts stale and failing entries and reports counters since creation, for health checks and metrics.</summary>
    /// <returns>A snapshot.</returns>
    public SecretCacheStatistics GetStatistics() => _inspector.GetStatistics();

    /// <summary>What this cache serves stale now, for <see cref="SecretStoreHealthCheck"/> (found through
    /// <see cref="ISecretStore.GetService"/> anywhere in the chain): the entries that are expired, within
    /// <see cref="SecretCacheOptions.MaxStaleness"/> and whose last refresh failed. Reads only failing entries.</summary>
    /// <returns><see cref="SecretStoreStaleness.None"/> while every value served is fresh.</returns>
    public SecretStoreStaleness GetStaleness() => _inspector.GetStaleness();

    /// <summary>Stops background refreshes and the cache's metrics, then disposes the inner store.</summary>
    /// <param name="disposing">Whether called from <see cref="DelegatingSecretStore.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _metrics.Dispose();
            _cache.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Stops background refreshes and the cache's metrics, then disposes the inner store.</summary>
    protected override ValueTask DisposeAsyncCore()
    {
        _metrics.Dispose();
        _cache.Dispose();
        return base.DisposeAsyncCore();
    }
}
