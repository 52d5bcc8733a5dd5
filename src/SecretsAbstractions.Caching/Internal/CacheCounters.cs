namespace SecretsAbstractions.Caching.Internal;

/// <summary>What one store's cache counted since it was created. Hits are counted on a <see cref="StripedCounter"/> (one
/// slot per processor), so that concurrent hits never contend on one field; the other counters are on slow paths.</summary>
internal sealed class CacheCounters
{
    private readonly StripedCounter _hits = new();
    private long _backendReads;
    private long _unchangedProbes;
    private long _backendFailures;
    private long _staleServes;

    public long Hits => _hits.Sum;

    /// <summary>The hit counter itself, for the fast path to hold directly.</summary>
    public StripedCounter HitCounter => _hits;

    public long BackendReads => Interlocked.Read(ref _backendReads);

    public long UnchangedProbes => Interlocked.Read(ref _unchangedProbes);

    public long BackendFailures => Interlocked.Read(ref _backendFailures);

    public long StaleServes => Interlocked.Read(ref _staleServes);

    public void BackendRead() => Interlocked.Increment(ref _backendReads);

    public void UnchangedProbe() => Interlocked.Increment(ref _unchangedProbes);

    public void BackendFailure() => Interlocked.Increment(ref _backendFailures);

    public void StaleServe() => Interlocked.Increment(ref _staleServes);
}
