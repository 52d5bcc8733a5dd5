namespace SecretsAbstractions;

/// <summary>Finds a named store among those registered with <c>AddKeyedSecretStore</c> or declared in the
/// <c>SecretStores</c> configuration section; used to resolve the store part of a secret reference.</summary>
/// <remarks>Registered by every <c>AddKeyedSecretStore</c> and <c>AddSecretStores</c> call as a transient
/// service, so it resolves scoped stores from the scope it was resolved from. Names are compared
/// ordinally, as DI keys are.</remarks>
public interface ISecretStoreProvider
{
    /// <summary>The names of the registered stores, in registration order.</summary>
    IReadOnlyList<string> StoreNames { get; }

    /// <summary>Gets the store named <paramref name="name"/>.</summary>
    /// <param name="name">The store's name (its DI key).</param>
    /// <returns>The store.</returns>
    /// <exception cref="SecretStoreException">No store has that name
    /// (<see cref="SecretStoreErrorCode.InvalidRequest"/>); the message lists the known names.</exception>
    ISecretStore GetStore(string name);
}
