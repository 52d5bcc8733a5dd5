namespace SecretsAbstractions;

/// <summary>The standard answer of a store's <see cref="ISecretStore.GetService"/>, so every store offers
/// its capabilities the same way.</summary>
public static class SecretStoreServices
{
    /// <summary>Returns <paramref name="metadata"/> for <see cref="SecretStoreMetadata"/>, <paramref name="store"/>
    /// for any type it implements, except <see cref="ISecretWriter"/> when the metadata does not declare
    /// <see cref="SecretStoreCapabilities.Write"/>; <see langword="null"/> for anything else or any key.</summary>
    /// <param name="store">The store answering.</param>
    /// <param name="metadata">The store's metadata.</param>
    /// <param name="serviceType">The type of service wanted.</param>
    /// <param name="serviceKey">The key; stores offer no keyed services by default.</param>
    public static object? GetStandardService(ISecretStore store, SecretStoreMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(SecretStoreMetadata))
        {
            return metadata;
        }

        bool hiddenWriter = serviceType == typeof(ISecretWriter) && !metadata.Capabilities.HasFlag(SecretStoreCapabilities.Write);
        return !hiddenWriter && serviceType.IsInstanceOfType(store) ? store : null;
    }
}
