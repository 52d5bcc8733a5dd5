namespace SecretsAbstractions;

/// <summary>
/// The write capability of a store: set a new version of a secret, delete a secret.
/// Obtain it with <c>store.GetService&lt;ISecretWriter&gt;()</c> or the
/// <see cref="SecretStoreExtensions.SetSecretAsync(ISecretStore, string, SecretValue, SecretWriteOptions?, CancellationToken)"/>
/// extension; read-only stores do not offer it.
/// </summary>
public interface ISecretWriter
{
    /// <summary>Stores <paramref name="value"/> as a new version of the secret, creating the secret
    /// when it does not exist. Previous versions stay readable where the store keeps versions.</summary>
    /// <param name="name">The logical name of the secret.</param>
    /// <param name="value">The new value.</param>
    /// <param name="options">Content type, tags and validity of the new version.</param>
    /// <param name="cancellationToken">Cancels the write. A write that fails or is cancelled leaves
    /// the previous version intact.</param>
    /// <returns>The properties of the new version, including its version id.</returns>
    ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the secret and all its versions (soft delete where the backend supports it).</summary>
    /// <param name="name">The logical name of the secret.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when the secret existed and was deleted;
    /// <see langword="false"/> when it did not exist.</returns>
    ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default);
}
