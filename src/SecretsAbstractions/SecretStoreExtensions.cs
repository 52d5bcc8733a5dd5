namespace SecretsAbstractions;

/// <summary>Conveniences over <see cref="ISecretStore"/>; extension methods so the interface stays small.</summary>
public static class SecretStoreExtensions
{
    /// <summary>Gets a service of type <typeparamref name="TService"/> from the store.</summary>
    /// <typeparam name="TService">The service type.</typeparam>
    /// <param name="store">The store.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this ISecretStore store, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetService(typeof(TService), serviceKey) as TService;
    }

    /// <summary>Gets the store's <see cref="SecretStoreMetadata"/>, or metadata naming its type when it offers none.</summary>
    /// <param name="store">The store.</param>
    public static SecretStoreMetadata GetMetadata(this ISecretStore store) =>
        store.GetService<SecretStoreMetadata>() ?? new SecretStoreMetadata(store.GetType().Name);

    /// <summary>Gets a secret that must exist.</summary>
    /// <param name="store">The store.</param>
    /// <param name="name">The logical name.</param>
    /// <param name="version">The version; latest by default.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretStoreException">The secret or version does not exist
    /// (<see cref="SecretStoreErrorCode.NotFound"/>), or the read failed.</exception>
    public static async ValueTask<Secret> GetRequiredSecretAsync(this ISecretStore store, string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new SecretStoreException(
                SecretStoreErrorCode.NotFound,
                version.IsLatest ? "The secret does not exist." : $"Version '{version}' of the secret does not exist.")
            {
                StoreName = store.GetMetadata().StoreName,
                Operation = SecretStoreOperations.GetSecret,
                SecretName = name,
            };
    }

    /// <summary>Gets the store's write capability.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The writer, or <see langword="null"/> when the store is read-only.</returns>
    public static ISecretWriter? GetWriter(this ISecretStore store) => store.GetService<ISecretWriter>();

    /// <summary>Gets the store's write capability, or throws when the store is read-only.</summary>
    /// <param name="store">The store.</param>
    /// <exception cref="SecretStoreException">The store is read-only (<see cref="SecretStoreErrorCode.NotSupported"/>).</exception>
    public static ISecretWriter GetRequiredWriter(this ISecretStore store) =>
        store.GetWriter() ?? throw new SecretStoreException(SecretStoreErrorCode.NotSupported, "The store is read-only.")
        {
            StoreName = store.GetMetadata().StoreName,
        };

    /// <summary>Stores a new version of a secret.</summary>
    /// <param name="store">A writable store.</param>
    /// <param name="name">The logical name.</param>
    /// <param name="value">The new value.</param>
    /// <param name="options">Properties of the new version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The properties of the new version.</returns>
    /// <exception cref="SecretStoreException">The store is read-only, the name is invalid, or the write failed.</exception>
    public static ValueTask<SecretProperties> SetSecretAsync(this ISecretStore store, string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        store.GetRequiredWriter().SetSecretAsync(name, value, options, cancellationToken);

    /// <summary>Stores a new text version of a secret.</summary>
    /// <param name="store">A writable store.</param>
    /// <param name="name">The logical name.</param>
    /// <param name="value">The new text value.</param>
    /// <param name="options">Properties of the new version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The properties of the new version.</returns>
    /// <exception cref="SecretStoreException">The store is read-only, the name is invalid, or the write failed.</exception>
    public static ValueTask<SecretProperties> SetSecretAsync(this ISecretStore store, string name, string value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        store.SetSecretAsync(name, SecretValue.FromString(value), options, cancellationToken);

    /// <summary>Deletes a secret.</summary>
    /// <param name="store">A writable store.</param>
    /// <param name="name">The logical name.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether the secret existed.</returns>
    /// <exception cref="SecretStoreException">The store is read-only, the name is invalid, or the delete failed.</exception>
    public static ValueTask<bool> DeleteSecretAsync(this ISecretStore store, string name, CancellationToken cancellationToken = default) =>
        store.GetRequiredWriter().DeleteSecretAsync(name, cancellationToken);

    /// <summary>Starts a <see cref="SecretStoreBuilder"/> around this store.</summary>
    /// <param name="store">The innermost store.</param>
    public static SecretStoreBuilder AsBuilder(this ISecretStore store) => new(store);
}
