namespace SecretsAbstractions.Caching.Internal;

/// <summary>A cache key: the store's identity, the secret name and the version asked for. A struct, so a lookup
/// allocates nothing.</summary>
internal readonly struct CacheKey(StoreIdentity store, string name, SecretVersion version) : IEquatable<CacheKey>
{
    public StoreIdentity Store { get; } = store;

    public string Name { get; } = name;

    public SecretVersion Version { get; } = version;

    public bool Equals(CacheKey other) =>
        ReferenceEquals(Store, other.Store) && string.Equals(Name, other.Name, StringComparison.Ordinal) && Version.Equals(other.Version);

    public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

    public override int GetHashCode()
    {
        int hash = StringComparer.Ordinal.GetHashCode(Name) ^ Store.HashSeed;
        return Version.IsLatest ? hash : HashCode.Combine(hash, Version);
    }
}
