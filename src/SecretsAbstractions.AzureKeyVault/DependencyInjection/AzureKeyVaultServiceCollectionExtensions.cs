using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        "Binds the options with the reflection-based configuration binder; AzureKeyVaultSecretStoreOptions and its properties must be preserved.";

    /// <summary>Registers a Key Vault store as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators such as <c>UseResilience</c>.</returns>
    public static SecretStoreBuilder AddAzureKeyVaultSecretStore(this IServiceCollection services, Action<AzureKeyVaultSecretStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ConfigureOptions(services, Options.Options.DefaultName, storeName: null).Configure(configure);
        return services.AddSecretStore(serviceProvider => CreateStore(serviceProvider, Get(serviceProvider, Options.Options.DefaultName)));
    }

    /// <summary>Registers a Key Vault store, configured from <paramref name="section"/>, as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section bound to <see cref="AzureKeyVaultSecretStoreOptions"/> (for example <c>VaultUri</c>, <c>PurgeOnDelete</c>).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddAzureKeyVaultSecretStore(this IServiceCollection services, IConfigurationSection section, Action<AzureKeyVaultSecretStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = ConfigureOptions(services, Options.Options.DefaultName, storeName: null).Bind(section, StrictBinding);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddSecretStore(serviceProvider => CreateStore(serviceProvider, Get(serviceProvider, Options.Options.DefaultName)));
    }

    /// <summary>Registers a Key Vault store as the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, which is
    /// also its <see cref="AzureKeyVaultSecretStoreOptions.StoreName"/> unless the options set one.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedAzureKeyVaultSecretStore(this IServiceCollection services, string name, Action<AzureKeyVaultSecretStoreOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        ConfigureOptions(services, name, name).Configure(configure);
        return services.AddKeyedSecretStore(name, (serviceProvider, storeName) => CreateStore(serviceProvider, Get(serviceProvider, storeName)));
    }

    /// <summary>Registers a Key Vault store, configured from <paramref name="section"/>, as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="section">The section bound to <see cref="AzureKeyVaultSecretStoreOptions"/>.</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddKeyedAzureKeyVaultSecretStore(this IServiceCollection services, string name, IConfigurationSection section, Action<AzureKeyVaultSecretStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(section);
        var options = ConfigureOptions(services, name, name).Bind(section, StrictBinding);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddKeyedSecretStore(name, (serviceProvider, storeName) => CreateStore(serviceProvider, Get(serviceProvider, storeName)));
    }

    /// <summary>Registers the <c>AzureKeyVault</c> store type for the <c>SecretStores</c> configuration section
    /// (see <c>AddSecretStores</c>). Idempotent.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAzureKeyVaultSecretStoreType(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AzureKeyVaultStoreTypeMarker)))
        {
            return services;
        }

        services.AddSingleton<AzureKeyVaultStoreTypeMarker>();
        return services.AddSecretStoreType<AzureKeyVaultSecretStoreOptions>(
            AzureKeyVaultSecretStore.ProviderName,
            (serviceProvider, _, options) => CreateStore(serviceProvider, options),
            AzureKeyVaultSecretStoreOptionsValidator.Instance);
    }

    private static void StrictBinding(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    private static OptionsBuilder<AzureKeyVaultSecretStoreOptions> ConfigureOptions(IServiceCollection services, string optionsName, string? storeName)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAzureKeyVaultSecretStoreType();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureKeyVaultSecretStoreOptions>>(AzureKeyVaultSecretStoreOptionsValidator.Instance));
        var builder = services.AddOptions<AzureKeyVaultSecretStoreOptions>(optionsName);
        if (storeName is not null)
        {
            builder.PostConfigure(options => options.StoreName ??= storeName);
        }

        return builder.ValidateOnStart();
    }

    private static AzureKeyVaultSecretStoreOptions Get(IServiceProvider serviceProvider, string optionsName) =>
        serviceProvider.GetRequiredService<IOptionsMonitor<AzureKeyVaultSecretStoreOptions>>().Get(optionsName);

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

    private sealed class AzureKeyVaultStoreTypeMarker;
}
