using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;
using SecretsAbstractions.HashiCorpVault;
using SecretsAbstractions.HashiCorpVault.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="HashiCorpVaultSecretStore"/>s in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Options come from a callback, a configuration section (strictly bound: unknown keys are errors), or both
/// (the callback runs after binding); unset values follow the <c>VAULT_*</c> environment variables. They are
/// validated when the host starts and when the store is resolved; messages name options, never their values.</para>
/// <para>The store's clock is the registered <see cref="TimeProvider"/> and its loggers come from the registered
/// <see cref="ILoggerFactory"/>. Every method also registers the <c>HashiCorpVault</c> store type, so that the
/// <c>SecretStores</c> section (<c>AddSecretStores</c>) can declare Vault stores:
/// <c>"SecretStores": { "vault": { "Type": "HashiCorpVault", "Options": { "Address": "https://vault:8200", "Mount": "secret", "Auth": { "Method": "Kubernetes", "Role": "app" } } } }</c>.</para>
/// </remarks>
public static class HashiCorpVaultServiceCollectionExtensions
{
    private const string BindingMessage =
        "Binds the options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    private static readonly SecretStoreServiceRegistration<HashiCorpVaultSecretStoreOptions> Registration = new(
        HashiCorpVaultSecretStore.ProviderName,
        CreateStore,
        HashiCorpVaultSecretStoreOptionsValidator.Instance,
        (options, storeName) => options.StoreName ??= storeName);

    /// <summary>Registers a Vault store as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators such as caching and resilience.</returns>
    public static SecretStoreBuilder AddHashiCorpVaultSecretStore(this IServiceCollection services, Action<HashiCorpVaultSecretStoreOptions> configure) =>
        Registration.AddStore(services, configure);

    /// <summary>Registers a Vault store, configured from <paramref name="section"/>, as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section bound to <see cref="HashiCorpVaultSecretStoreOptions"/> (<c>Address</c>, <c>Mount</c>, <c>Auth:Method</c>, ...).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddHashiCorpVaultSecretStore(this IServiceCollection services, IConfigurationSection section, Action<HashiCorpVaultSecretStoreOptions>? configure = null) =>
        Registration.AddStore(services, section, configure);

    /// <summary>Registers a Vault store as the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, which is also
    /// its <see cref="HashiCorpVaultSecretStoreOptions.StoreName"/> unless the options set one.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedHashiCorpVaultSecretStore(this IServiceCollection services, string name, Action<HashiCorpVaultSecretStoreOptions> configure) =>
        Registration.AddKeyedStore(services, name, configure);

    /// <summary>Registers a Vault store, configured from <paramref name="section"/>, as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="section">The section bound to <see cref="HashiCorpVaultSecretStoreOptions"/> (<c>Address</c>, <c>Mount</c>, <c>Auth:Method</c>, ...).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddKeyedHashiCorpVaultSecretStore(this IServiceCollection services, string name, IConfigurationSection section, Action<HashiCorpVaultSecretStoreOptions>? configure = null) =>
        Registration.AddKeyedStore(services, name, section, configure);

    /// <summary>Registers the <c>HashiCorpVault</c> store type for the <c>SecretStores</c> configuration section
    /// (see <c>AddSecretStores</c>). Idempotent.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddHashiCorpVaultSecretStoreType(this IServiceCollection services) =>
        Registration.AddStoreType(services);

    private static HashiCorpVaultSecretStore CreateStore(IServiceProvider serviceProvider, HashiCorpVaultSecretStoreOptions options) =>
        new(options, serviceProvider.GetService<TimeProvider>(), serviceProvider.GetService<ILoggerFactory>());
}
