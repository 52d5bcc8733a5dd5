using System.Collections.Concurrent;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The entries of one or more stores, one <see cref="CachePartition"/> per store identity, under one LRU bound and one
/// clock. Entries are evicted in batches of a sixteenth of the bound, least recently read first (at the resolution of
/// the coarse clock); entries with a backend call in flight are kept.
/// </summary>
internal sealed class CacheTable : IDisposable
{
    private readonly ConcurrentDictionary<StoreIdentity, CachePartition> _partitions = new();
    private readonly Lock _evictionLock = new();
    private readonly int _maxEntries;
    private int _count;
    private long _evictions;

    public CacheTable(int maxEntries, TimeProvider timeProvider)
    {
        _maxEntries = maxEntries;
        Clock = CacheClock.For(timeProvider);
    }

    public CacheClock Clock { get; }

    public int Count => Volatile.Read(ref _count);

    public long Evictions => Interlocked.Read(ref _evictions);

    public CachePartition AddPartition(StoreIdentity identity) => _partitions.GetOrAdd(identity, static (id, table) => new CachePartition(id, table), this);

    public void RemovePartition(StoreIdentity identity)
    {
        if (_partitions.TryRemove(identity, out var partition))
        {
            partition.RemoveWhere(static _ => true);
        }
    }

    public void Dispose() => Clock.Dispose();

    internal void OnAdded()
    {
        if (Interlocked.Increment(ref _count) > _maxEntries)
        {
            EvictLeastRecentlyUsed();
        }
    }

    internal void OnRemoved() => Interlocked.Decrement(ref _count);

    private void EvictLeastRecentlyUsed()
    {
        // One evictor at a time; the others go on, and the one running restores the bound.
        if (!_evictionLock.TryEnter())
        {
            return;
        }

        try
        {
            if (Count <= _maxEntries)
            {
                return;
            }

            int target = _maxEntries - (_maxEntries / 16);
            var candidates = _partitions.Values
                .SelectMany(partition => partition.Entries.Select(entry => (Partition: partition, Entry: entry)))
                .Where(candidate => !candidate.Entry.IsLoading)
                .OrderBy(candidate => candidate.Entry.LastAccess)
                .ToList();
            foreach (var (partition, entry) in candidates)
            {
                if (Count <= target)
                {
                    break;
                }

                if (partition.TryRemove(entry))
                {
                    Interlocked.Increment(ref _evictions);
                }
            }
        }
        finally
        {
            _evictionLock.Exit();
        }
    }
}
