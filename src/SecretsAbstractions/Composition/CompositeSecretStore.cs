using System.Runtime.CompilerServices;

namespace SecretsAbstractions;

/// <summary>
/// Reads from several stores as one, in order: the first store that has a secret answers, so earlier
/// stores override later ones (environment variables over a local secrets folder, say). Listings merge
/// all stores and report each name once, with the properties of the store that would answer a get.
/// </summary>
/// <remarks>
/// Read-only: writes are ambiguous across layers, so <see cref="GetService"/> offers no
/// <see cref="ISecretWriter"/>; write to a layer directly. A request for a version or stage skips
/// layers that answer <see cref="SecretStoreErrorCode.NotSupported"/> for it; any other error stops
/// the read, so a failing layer is never silently hidden by a later one.
/// </remarks>
public sealed class CompositeSecretStore : ISecretStore
{
    private readonly ISecretStore[] _stores;
    private readonly SecretStoreMetadata _metadata;

    /// <summary>Creates a store that reads <paramref name="stores"/> in order.</summary>
    /// <param name="stores">The layers, highest priority first; at least one.</param>
    public CompositeSecretStore(params IEnumerable<ISecretStore> stores)
        : this(storeName: null, stores)
    {
    }

    /// <summary>Creates a named store that reads <paramref name="stores"/> in order.</summary>
    /// <param name="storeName">The name of the store in errors, logs and metrics; <c>Composite</c> by default.</param>
    /// <param name="stores">The layers, highest priority first; at least one.</param>
    public CompositeSecretStore(string? storeName, params IEnumerable<ISecretStore> stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = [.. stores];
        if (_stores.Length == 0 || Array.Exists(_stores, s => s is null))
        {
            throw new ArgumentException("A composite store needs at least one store and no null stores.", nameof(stores));
        }

        var shared = _stores.Select(s => s.GetMetadata().Capabilities).Aggregate((a, b) => a & b);
        _metadata = new SecretStoreMetadata("Composite", storeName, location: null, shared & ~(SecretStoreCapabilities.Write | SecretStoreCapabilities.Batch));
    }

    /// <inheritdoc/>
    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name, _metadata.StoreName, SecretStoreOperations.GetSecret);
        SecretStoreException? unsupported = null;
        int unsupportedCount = 0;
        foreach (var store in _stores)
        {
            try
            {
                if (await store.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false) is { } secret)
                {
                    return secret;
                }
            }
            catch (SecretStoreException error) when (error.ErrorCode == SecretStoreErrorCode.NotSupported && !version.IsLatest)
            {
                unsupported ??= error;
                unsupportedCount++;
            }
        }

        // Only when no layer can read that version at all is the request itself unsupported.
        return unsupportedCount == _stores.Length ? throw unsupported! : null;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SecretName.ValidatePrefix(prefix, _metadata.StoreName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var store in _stores)
        {
            await foreach (var properties in store.ListSecretsAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(properties.Name))
                {
                    yield return properties;
                }
            }
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);
}
