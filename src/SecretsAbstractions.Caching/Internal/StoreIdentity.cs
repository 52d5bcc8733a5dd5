using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The identity of one cached store, part of every cache key. Keys compare it by reference: two stores with the
/// same metadata (two unnamed in-memory stores, say) are still different stores, so a cache shared between them
/// can never serve one's secret to the other.
/// </summary>
internal sealed class StoreIdentity
{
    public StoreIdentity(SecretStoreMetadata metadata)
    {
        Metadata = metadata;
        HashSeed = RuntimeHelpers.GetHashCode(this);
    }

    /// <summary>The store's metadata, for errors and diagnostics; not part of equality.</summary>
    public SecretStoreMetadata Metadata { get; }

    public int HashSeed { get; }
}
