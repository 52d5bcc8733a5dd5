namespace SecretsAbstractions;

/// <summary>
/// Reads secrets from one backend (HashiCorp Vault, AWS Secrets Manager, Azure Key Vault,
/// environment variables, files, ...) through one portable contract.
/// </summary>
/// <remarks>
/// <para>Names are logical, <c>/</c>-separated names (see <see cref="SecretName"/>); a store
/// validates a name and maps it to its backend before any I/O and fails with
/// <see cref="SecretStoreErrorCode.InvalidName"/> when it cannot.</para>
/// <para>A secret that does not exist is not an error: <see cref="GetSecretAsync"/> returns
/// <see langword="null"/>. Every other failure is a <see cref="SecretStoreException"/>.</para>
/// <para>Writes are a separate capability, <see cref="ISecretWriter"/>, found with
/// <see cref="GetService"/>. Conveniences are extension methods in <see cref="SecretStoreExtensions"/>.</para>
/// </remarks>
public interface ISecretStore
{
    /// <summary>Gets one secret: its value and properties.</summary>
    /// <param name="name">The logical name of the secret.</param>
    /// <param name="version">The version to read; <see cref="SecretVersion.Latest"/> by default.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The secret, or <see langword="null"/> when the secret or that version does not exist
    /// (including a deleted or destroyed version).</returns>
    /// <exception cref="SecretStoreException">The name is invalid, the version kind is not supported
    /// by this store, or the backend failed.</exception>
    ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default);

    /// <summary>Lists the properties of the latest version of every secret whose name starts with
    /// <paramref name="prefix"/>, at any depth. Never returns values.</summary>
    /// <param name="prefix">An ordinal prefix of logical names (for example <c>app/</c>);
    /// <see langword="null"/> or empty lists every secret.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The properties, in no particular order; paging is handled by the store.</returns>
    IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Gets several secrets. Stores with a batch API override this; the default runs
    /// <see cref="GetSecretAsync"/> for each request, at most
    /// <see cref="SecretBatch.DefaultMaxConcurrency"/> at a time.</summary>
    /// <param name="requests">The secrets to read.</param>
    /// <param name="cancellationToken">Cancels the whole read.</param>
    /// <returns>One result per request, in the order of <paramref name="requests"/>. A failure that
    /// concerns one secret (not found, invalid name, access denied) is reported in that secret's
    /// result; cancellation is thrown.</returns>
    ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        => SecretBatch.GetInParallelAsync(this, requests, SecretBatch.DefaultMaxConcurrency, cancellationToken);

    /// <summary>Gets a service the store offers: <see cref="ISecretWriter"/> when it is writable,
    /// <see cref="SecretStoreMetadata"/>, the backend's native client, or the store itself.</summary>
    /// <param name="serviceType">The type of service wanted.</param>
    /// <param name="serviceKey">An optional key for the service.</param>
    /// <returns>The service, or <see langword="null"/> when the store does not offer it.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
