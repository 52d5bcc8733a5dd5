namespace SecretsAbstractions;

/// <summary>
/// A cheap way to learn whether a secret changed without reading its value: the properties (version id,
/// updated time) of its latest version, from a metadata call that costs less than a read (Vault KV v2's metadata
/// endpoint, AWS <c>DescribeSecret</c>; Azure Key Vault has no such call, so its store offers none). A store offers it through
/// <see cref="ISecretStore.GetService"/> (ask with <c>store.GetService&lt;ISecretChangeProbe&gt;()</c>); the
/// caching decorator and the configuration provider use it, when offered, to skip reading values that did not
/// change. Decorators pass it on; one that must see probes (resilience, logging, telemetry, the chaos and
/// recording test stores) wraps it by overriding <see cref="DelegatingSecretStore.WrapChangeProbe"/>.
/// </summary>
public interface ISecretChangeProbe
{
    /// <summary>Gets the properties of the latest version of a secret, never its value.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The properties, or <see langword="null"/> when the secret does not exist.</returns>
    /// <exception cref="SecretStoreException">The name is invalid or the backend failed.</exception>
    ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default);
}
