namespace SecretsAbstractions;

/// <summary>
/// Reports values served past their freshness because the backend could not be reached: the hook through which a
/// caching decorator makes <see cref="SecretStoreHealthCheck"/> report <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded"/>.
/// </summary>
/// <remarks>A decorator offers it through <see cref="ISecretStore.GetService"/> (return itself for this type), so the
/// health check finds it anywhere in the chain the way callers find <see cref="ISecretWriter"/>. Implementations must be
/// cheap and thread-safe: the health check calls <see cref="GetStaleness"/> on every check.</remarks>
public interface ISecretStoreStalenessSource
{
    /// <summary>Gets what is being served stale right now.</summary>
    /// <returns><see cref="SecretStoreStaleness.None"/> when every value served is fresh.</returns>
    SecretStoreStaleness GetStaleness();
}
