namespace SecretsAbstractions.Caching.Internal;

/// <summary>One result read from the backend and its life, in <see cref="TimeProvider.GetTimestamp"/> ticks.
/// Immutable: a refresh replaces it.</summary>
internal sealed class CachedResult
{
    public CachedResult(Secret? secret, long loadedAt, long refreshAt, long expiresAt, long staleUntil, long margin)
    {
        Secret = secret;
        LoadedAt = loadedAt;
        RefreshAt = refreshAt;
        ExpiresAt = expiresAt;
        StaleUntil = staleUntil;
        HotUntil = refreshAt - margin;
    }

    /// <summary>The secret, or <see langword="null"/> for a cached "not found".</summary>
    public Secret? Secret { get; }

    public long LoadedAt { get; }

    /// <summary>From this time on, a read starts a background refresh (equal to <see cref="ExpiresAt"/> without refresh-ahead).</summary>
    public long RefreshAt { get; }

    public long ExpiresAt { get; }

    /// <summary>Until this time, the result (a secret or a "not found") may be served after expiry.</summary>
    public long StaleUntil { get; }

    /// <summary>Until this coarse time, a hit needs no precise clock read.</summary>
    public long HotUntil { get; }

    public bool CanServeStaleAt(long now) => now < StaleUntil;
}
