using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The entries of one store in a <see cref="CacheTable"/>: its <see cref="StoreIdentity"/> is the first part of every
/// key, resolved once when the store is composed rather than hashed on every read. Latest reads are keyed by name
/// alone in a dictionary of strings (the fastest lookup .NET has); version-pinned reads by name and version.
/// </summary>
internal sealed class CachePartition
{
    private readonly ConcurrentDictionary<string, CacheEntry> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CacheKey, CacheEntry> _pinned = new();
    private readonly CacheTable _table;

    public CachePartition(StoreIdentity identity, CacheTable table)
    {
        Identity = identity;
        _table = table;
    }

    public StoreIdentity Identity { get; }

    /// <summary>The entries of latest reads, by name; the cache's fast path looks here directly.</summary>
    public ConcurrentDictionary<string, CacheEntry> Latest => _latest;

    /// <summary>The entries, enumerated without locks (the Values property of a ConcurrentDictionary locks and copies).</summary>
    public IEnumerable<CacheEntry> Entries => _latest.Select(static pair => pair.Value).Concat(_pinned.Select(static pair => pair.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(string name, SecretVersion version, out CacheEntry? entry) =>
        version.IsLatest ? _latest.TryGetValue(name, out entry) : _pinned.TryGetValue(new CacheKey(Identity, name, version), out entry);

    public CacheEntry GetOrAdd(string name, SecretVersion version)
    {
        if (TryGetValue(name, version, out var entry))
        {
            return entry!;
        }

        var created = new CacheEntry(new CacheKey(Identity, name, version));
        created.Touch(_table.Clock.CoarseNow);
        while (true)
        {
            bool added = version.IsLatest ? _latest.TryAdd(name, created) : _pinned.TryAdd(created.Key, created);
            if (added)
            {
                _table.OnAdded();
                return created;
            }

            if (TryGetValue(name, version, out entry))
            {
                return entry!;
            }
        }
    }

    /// <summary>Removes every entry that <paramref name="match"/> selects.</summary>
    public int RemoveWhere(Func<CacheKey, bool> match)
    {
        // Enumerating a ConcurrentDictionary takes no lock and copies nothing, unlike its Values property.
        int removed = 0;
        foreach (var (_, entry) in _latest)
        {
            removed += match(entry.Key) && TryRemove(entry) ? 1 : 0;
        }

        foreach (var (_, entry) in _pinned)
        {
            removed += match(entry.Key) && TryRemove(entry) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>Removes every entry for <paramref name="name"/>: its latest read directly, its pinned reads by a scan
    /// of the pinned entries only.</summary>
    public int RemoveName(string name)
    {
        int removed = _latest.TryGetValue(name, out var latest) && TryRemove(latest) ? 1 : 0;
        if (!_pinned.IsEmpty)
        {
            foreach (var (key, entry) in _pinned)
            {
                removed += string.Equals(key.Name, name, StringComparison.Ordinal) && TryRemove(entry) ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>Removes the entry for <paramref name="name"/> and <paramref name="version"/>.</summary>
    public int Remove(string name, SecretVersion version) =>
        TryGetValue(name, version, out var entry) && TryRemove(entry!) ? 1 : 0;

    /// <summary>Removes <paramref name="entry"/> if it is still the entry for its key.</summary>
    public bool TryRemove(CacheEntry entry)
    {
        var key = entry.Key;
        bool removed = key.Version.IsLatest
            ? _latest.TryRemove(KeyValuePair.Create(key.Name, entry))
            : _pinned.TryRemove(KeyValuePair.Create(key, entry));
        if (removed)
        {
            entry.Detach();
            _table.OnRemoved();
        }

        return removed;
    }
}
