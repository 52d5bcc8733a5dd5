namespace SecretsAbstractions;

/// <summary>What a store can do beyond reading the latest version and listing.</summary>
[Flags]
public enum SecretStoreCapabilities
{
    /// <summary>Read latest and list only.</summary>
    None = 0,

    /// <summary>Offers <see cref="ISecretWriter"/>: set and delete.</summary>
    Write = 1,

    /// <summary>Keeps versions and reads a given version id.</summary>
    Versions = 2,

    /// <summary>Reads a version by stage or label (<see cref="SecretVersionKind.Stage"/>).</summary>
    Stages = 4,

    /// <summary>Stores binary values as bytes.</summary>
    Binary = 8,

    /// <summary>Overrides <see cref="ISecretStore.GetSecretsAsync"/> with a backend batch API.</summary>
    Batch = 16,
}

/// <summary>Describes a store; obtain it with <c>store.GetService&lt;SecretStoreMetadata&gt;()</c>.
/// Used in errors, logs, metrics and cache keys; holds nothing secret.</summary>
public sealed class SecretStoreMetadata
{
    /// <summary>Creates metadata.</summary>
    /// <param name="providerName">The kind of store, such as <c>InMemory</c>, <c>Environment</c>, <c>File</c>, <c>HashiCorpVault</c>.</param>
    /// <param name="storeName">The name the application gave this store; defaults to <paramref name="providerName"/>.</param>
    /// <param name="location">Where the store reads from (a directory, a URI); never a credential.</param>
    /// <param name="capabilities">What the store can do.</param>
    public SecretStoreMetadata(string providerName, string? storeName = null, string? location = null, SecretStoreCapabilities capabilities = SecretStoreCapabilities.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        ProviderName = providerName;
        StoreName = string.IsNullOrEmpty(storeName) ? providerName : storeName;
        Location = location;
        Capabilities = capabilities;
    }

    /// <summary>The kind of store.</summary>
    public string ProviderName { get; }

    /// <summary>The name the application gave this store (its DI key or configured name), else the provider name.</summary>
    public string StoreName { get; }

    /// <summary>Where the store reads from, when that is not secret.</summary>
    public string? Location { get; }

    /// <summary>What the store can do.</summary>
    public SecretStoreCapabilities Capabilities { get; }

    /// <summary>Returns the store name and provider.</summary>
    public override string ToString() => $"{StoreName} ({ProviderName})";
}
