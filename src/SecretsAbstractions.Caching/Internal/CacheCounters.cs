namespace SecretsAbstractions.Caching.Internal;

/// <summary>What one store's cache counted since it was created. Only slow paths count: a hit touches no shared counter.</summary>
internal sealed class CacheCounters
{
    private long _backendReads;
    private long _unchangedProbes;
    private long _backendFailures;
    private long _staleServes;

    public long BackendReads => Interlocked.Read(ref _backendReads);

    public long UnchangedProbes => Interlocked.Read(ref _unchangedProbes);

    public long BackendFailures => Interlocked.Read(ref _backendFailures);

    public long StaleServes => Interlocked.Read(ref _staleServes);

    public void BackendRead() => Interlocked.Increment(ref _backendReads);

    public void UnchangedProbe() => Interlocked.Increment(ref _unchangedProbes);

    public void BackendFailure() => Interlocked.Increment(ref _backendFailures);

    public void StaleServe() => Interlocked.Increment(ref _staleServes);
}
