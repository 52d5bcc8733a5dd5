using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The caching of one store: hits on the fast path, single-flight loads, refresh-ahead, change probes, fail-safe
/// and invalidation. Entries live in a <see cref="CacheTable"/> under this store's <see cref="StoreIdentity"/>.
/// </summary>
internal sealed class SecretCache : IDisposable
{
    private readonly ISecretStore _inner;
    private readonly CacheTable _table;
    private readonly CachePartition _entries;
    private readonly ConcurrentDictionary<string, CacheEntry> _latest;
    private readonly bool _ownsTable;
    private readonly CacheClock _clock;
    private readonly CacheLifetimes _lifetimes;
    private readonly CancellationTokenSource _disposing = new();
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<CacheEntry, byte> _failing = new();
    private readonly StripedCounter _hits;
    private int _disposed;

    public SecretCache(ISecretStore inner, SecretCacheOptions options, TimeProvider timeProvider)
        : this(inner, options, new CacheTable(options.MaxEntries, timeProvider), ownsTable: true)
    {
    }

    public SecretCache(ISecretStore inner, SecretCacheOptions options, CacheTable table, bool ownsTable)
    {
        _inner = inner;
        _table = table;
        _ownsTable = ownsTable;
        _clock = table.Clock;
        _lifetimes = new CacheLifetimes(options, _clock);
        Identity = new StoreIdentity(inner.GetMetadata());
        _entries = table.AddPartition(Identity);
        _latest = _entries.Latest;
        _stopping = _disposing.Token;
        _hits = Counters.HitCounter;
    }

    public StoreIdentity Identity { get; }

    public CacheCounters Counters { get; } = new();

    public CachePartition Entries => _entries;

    public CacheClock Clock => _clock;

    public CacheTable Table => _table;

    public ISecretStore Inner => _inner;

    /// <summary>The entries whose last backend call failed, still in the table: usually none, so a health check that
    /// reads them on every check costs nothing while all is well.</summary>
    public IEnumerable<CacheEntry> FailingEntries
    {
        get
        {
            foreach (var (entry, _) in _failing)
            {
                if (entry.IsDetached || entry.LastFailure is null)
                {
                    _failing.TryRemove(entry, out _);
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }

    private string StoreName => Identity.Metadata.StoreName;

    /// <summary>The fast path: a fresh cached result, without a clock call, a lock or an allocation; counted on the
    /// current processor's slot of the hit counter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetFresh(string name, SecretVersion version, out Secret? secret)
    {
        CacheEntry? entry = null;
        bool found = name is not null && (version.IsLatest ? _latest.TryGetValue(name, out entry) : _entries.TryGetValue(name, version, out entry));
        if (found && entry!.Result is { } result)
        {
            long now = _clock.CoarseNow;
            if (now < result.HotUntil)
            {
                entry.Touch(now);
                _hits.Increment();
                secret = result.Secret;
                return true;
            }
        }

        secret = null;
        return false;
    }

    public async ValueTask<Secret?> GetAsync(string name, SecretVersion version, CancellationToken cancellationToken)
    {
        SecretName.Validate(name, StoreName, SecretStoreOperations.GetSecret);
        var entry = _entries.GetOrAdd(name, version);
        entry.Touch(_clock.CoarseNow);
        long seenLoads = entry.CompletedLoads;
        if (TryServeCached(entry, seenLoads, out var cached))
        {
            return cached;
        }

        var outcome = await StartLoad(entry, seenLoads, background: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (outcome.IsStale)
        {
            Counters.StaleServe();
        }

        return outcome.GetSecretOrThrow();
    }

    /// <summary>Drops every version of <paramref name="name"/> from the cache.</summary>
    public int Invalidate(string? name) => name is null ? 0 : _entries.RemoveName(name);

    /// <summary>Drops one version of <paramref name="name"/> from the cache.</summary>
    public int Invalidate(string? name, SecretVersion version) => name is null ? 0 : _entries.Remove(name, version);

    /// <summary>Drops every entry of this store.</summary>
    public int Clear() => _entries.RemoveWhere(static _ => true);

    /// <summary>The backend call in flight for a key, or a completed task; lets tests wait for a background refresh.</summary>
    internal Task WhenLoaded(string name, SecretVersion version) =>
        _entries.TryGetValue(name, version, out var entry) ? entry!.CurrentLoad ?? Task.CompletedTask : Task.CompletedTask;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        _disposing.Dispose();
        _table.RemovePartition(Identity);
        if (_ownsTable)
        {
            _table.Dispose();
        }
    }

    private bool TryServeCached(CacheEntry entry, long seenLoads, out Secret? secret)
    {
        secret = null;
        if (entry.Result is not { } result)
        {
            return false;
        }

        long now = _clock.Now;
        secret = result.Secret;
        if (now < result.RefreshAt)
        {
            _hits.Increment();
            return true;
        }

        bool mayCallBackend = now >= entry.RetryAt;
        if (now < result.ExpiresAt)
        {
            if (mayCallBackend)
            {
                StartLoad(entry, seenLoads, background: true);
            }

            _hits.Increment();
            return true;
        }

        if (!result.CanServeStaleAt(now) || (mayCallBackend && !_lifetimes.RefreshAhead))
        {
            return false;
        }

        // Expired but servable: the backend failed recently (fail-safe), or refresh-ahead refreshes it behind the reader.
        if (mayCallBackend)
        {
            StartLoad(entry, seenLoads, background: true);
        }

        Counters.StaleServe();
        return true;
    }

    private Task<LoadOutcome> StartLoad(CacheEntry entry, long seenLoads, bool background)
    {
        if (entry.CurrentLoad is { } running)
        {
            return running;
        }

        var flight = new TaskCompletionSource<LoadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = entry.JoinOrStart(flight, seenLoads, out bool started);
        if (started)
        {
            if (background)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Cache.RunLoadAsync(state.Entry, state.Flight), (Cache: this, Entry: entry, Flight: flight), preferLocal: false);
            }
            else
            {
                _ = RunLoadAsync(entry, flight);
            }
        }

        return load;
    }

    private async Task RunLoadAsync(CacheEntry entry, TaskCompletionSource<LoadOutcome> flight)
    {
        LoadOutcome outcome;
        try
        {
            outcome = await LoadAsync(entry).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure becomes the outcome of the readers that wait; none may escape unobserved.
        catch (Exception error)
#pragma warning restore CA1031
        {
            outcome = Fail(entry, error);
        }

        entry.EndLoad(outcome);
        flight.SetResult(outcome);
    }

    private async ValueTask<LoadOutcome> LoadAsync(CacheEntry entry)
    {
        var key = entry.Key;
        var cancellationToken = _stopping;
        if (key.Version.IsLatest && entry.Result?.Secret is { } cached && (cached.Version is not null || cached.Properties.UpdatedOn is not null)
            && _inner.GetService(typeof(ISecretChangeProbe)) is ISecretChangeProbe probe)
        {
            var latest = await probe.GetLatestPropertiesAsync(key.Name, cancellationToken).ConfigureAwait(false);
            if (latest is not null && IsUnchanged(latest, cached.Properties))
            {
                Counters.UnchangedProbe();
                Succeed(entry, _lifetimes.Found(cached, _clock.Now));
                return LoadOutcome.Loaded(cached);
            }
        }

        Counters.BackendRead();
        var secret = await _inner.GetSecretAsync(key.Name, key.Version, cancellationToken).ConfigureAwait(false);
        Store(entry, secret);
        return LoadOutcome.Loaded(secret);
    }

    public void Store(CacheEntry entry, Secret? secret)
    {
        long now = _clock.Now;
        Succeed(entry, secret is null ? _lifetimes.NotFound(now) : _lifetimes.Found(secret, now));
    }

    public LoadOutcome Fail(CacheEntry entry, Exception error)
    {
        Counters.BackendFailure();
        long now = _clock.Now;
        var previous = entry.Result;
        if (error is SecretStoreException storeError && IsFailSafe(storeError))
        {
            entry.Fail(new CacheEntry.Failure(storeError.ErrorCode, now, _lifetimes.RetryAt(now, storeError.RetryAfter)), dropResult: false);
            _failing.TryAdd(entry, 0);
            if (previous is not null && previous.CanServeStaleAt(now))
            {
                return LoadOutcome.Stale(previous.Secret);
            }
        }
        else if (error is SecretStoreException { ErrorCode: SecretStoreErrorCode.InvalidName or SecretStoreErrorCode.InvalidRequest or SecretStoreErrorCode.NotSupported })
        {
            // The caller's mistake (a name or version this backend refuses), not the backend's state: nothing to keep.
            _entries.TryRemove(entry);
        }
        else
        {
            // Not a failure to ride out (access revoked, secret disabled, a bug): nothing cached may hide it.
            var code = error is SecretStoreException other ? other.ErrorCode : SecretStoreErrorCode.Unknown;
            entry.Fail(new CacheEntry.Failure(code, now, RetryAt: 0), dropResult: true);
            _failing.TryAdd(entry, 0);
        }

        return LoadOutcome.Failed(error);
    }

    private void Succeed(CacheEntry entry, CachedResult? result)
    {
        bool hadFailed = entry.LastFailure is not null;
        entry.Succeed(result);
        if (hadFailed)
        {
            _failing.TryRemove(entry, out _);
        }
    }

    private static bool IsFailSafe(SecretStoreException error) =>
        error.IsTransient || error.ErrorCode == SecretStoreErrorCode.Unauthenticated;

    /// <summary>Whether the probed properties designate the version already cached: the same version id (or, for
    /// stores without versions, the same updated time), still enabled and with the same expiry.</summary>
    private static bool IsUnchanged(SecretProperties latest, SecretProperties cached)
    {
        bool sameVersion = latest.Version is not null
            ? string.Equals(latest.Version, cached.Version, StringComparison.Ordinal)
            : latest.UpdatedOn is not null && latest.UpdatedOn == cached.UpdatedOn;
        return sameVersion && latest.Enabled == cached.Enabled && latest.ExpiresOn == cached.ExpiresOn && latest.UpdatedOn == cached.UpdatedOn;
    }
}
