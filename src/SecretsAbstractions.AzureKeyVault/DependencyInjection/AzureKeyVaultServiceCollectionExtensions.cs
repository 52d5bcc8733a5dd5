using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;
using SecretsAbstractions.AzureKeyVault;
using SecretsAbstractions.AzureKeyVault.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="AzureKeyVaultSecretStore"/>s in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Options come from a callback, a configuration section (strictly bound: unknown keys are errors), or both
/// (the callback runs after binding). They are validated when the host starts and when the store is resolved.</para>
/// <para>From the container: when <see cref="AzureKeyVaultSecretStoreOptions.Credential"/> is not set, a
/// <see cref="TokenCredential"/> registered in the container is used (else <c>DefaultAzureCredential</c>); when
/// <see cref="AzureKeyVaultSecretStoreOptions.ClientOptions"/> is not set, a registered <see cref="SecretClientOptions"/>
/// is used; the store's clock is the registered <see cref="TimeProvider"/> and its logger comes from the container.</para>
/// <para>Every method also registers the <c>AzureKeyVault</c> store type, so that the <c>SecretStores</c> section
/// (<c>AddSecretStores</c>) can declare Key Vault stores:
/// <c>"SecretStores": { "vault": { "Type": "AzureKeyVault", "Options": { "VaultUri": "https://myvault.vault.azure.net/" } } }</c>.</para>
/// </remarks>
public static class AzureKeyVaultServiceCollectionExtensions
{
    private const string BindingMessage =
        "Binds the options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    private static readonly SecretStoreServiceRegistration<AzureKeyVaultSecretStoreOptions> Registration = new(
        AzureKeyVaultSecretStore.ProviderName,
        CreateStore,
        AzureKeyVaultSecretStoreOptionsValidator.Instance,
        (options, storeName) => options.StoreName ??= storeName);

    /// <summary>Registers a Key Vault store as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators such as caching and resilience.</returns>
    public static SecretStoreBuilder AddAzureKeyVaultSecretStore(this IServiceCollection services, Action<AzureKeyVaultSecretStoreOptions> configure) =>
        Registration.AddStore(services, configure);

    /// <summary>Registers a Key Vault store, configured from <paramref name="section"/>, as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section bound to <see cref="AzureKeyVaultSecretStoreOptions"/> (for example <c>VaultUri</c>, <c>PurgeOnDelete</c>).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddAzureKeyVaultSecretStore(this IServiceCollection services, IConfigurationSection section, Action<AzureKeyVaultSecretStoreOptions>? configure = null) =>
        Registration.AddStore(services, section, configure);

    /// <summary>Registers a Key Vault store as the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, which is also
    /// its <see cref="AzureKeyVaultSecretStoreOptions.StoreName"/> unless the options set one.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedAzureKeyVaultSecretStore(this IServiceCollection services, string name, Action<AzureKeyVaultSecretStoreOptions> configure) =>
        Registration.AddKeyedStore(services, name, configure);

    /// <summary>Registers a Key Vault store, configured from <paramref name="section"/>, as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="section">The section bound to <see cref="AzureKeyVaultSecretStoreOptions"/> (for example <c>VaultUri</c>, <c>PurgeOnDelete</c>).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddKeyedAzureKeyVaultSecretStore(this IServiceCollection services, string name, IConfigurationSection section, Action<AzureKeyVaultSecretStoreOptions>? configure = null) =>
        Registration.AddKeyedStore(services, name, section, configure);

    /// <summary>Registers the <c>AzureKeyVault</c> store type for the <c>SecretStores</c> configuration section
    /// (see <c>AddSecretStores</c>). Idempotent.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAzureKeyVaultSecretStoreType(this IServiceCollection services) =>
        Registration.AddStoreType(services);

    private static AzureKeyVaultSecretStore CreateStore(IServiceProvider serviceProvider, AzureKeyVaultSecretStoreOptions options)
    {
        // A copy, so that the container's defaults do not leak into the cached options instance.
        var effective = new AzureKeyVaultSecretStoreOptions
        {
            VaultUri = options.VaultUri,
            Client = options.Client,
            Credential = options.Credential ?? (options.Client is null ? serviceProvider.GetService<TokenCredential>() : null),
            ClientOptions = options.ClientOptions ?? (options.Client is null ? serviceProvider.GetService<SecretClientOptions>() : null),
            EnableSdkRetries = options.EnableSdkRetries,
            PurgeOnDelete = options.PurgeOnDelete,
            MaxConcurrency = options.MaxConcurrency,
            OperationPollingInterval = options.OperationPollingInterval,
            StoreName = options.StoreName,
        };
        return new AzureKeyVaultSecretStore(effective, serviceProvider.GetService<TimeProvider>(), serviceProvider.GetService<ILogger<AzureKeyVaultSecretStore>>());
    }
}
