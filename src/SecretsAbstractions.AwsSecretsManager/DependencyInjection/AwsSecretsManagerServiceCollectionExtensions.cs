using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecretsAbstractions;
using SecretsAbstractions.AwsSecretsManager;
using SecretsAbstractions.AwsSecretsManager.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="AwsSecretsManagerSecretStore"/>s in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Options come from a callback, a configuration section (strictly bound: unknown keys are errors), or both
/// (the callback runs after binding). They are validated when the host starts and when the store is resolved.</para>
/// <para>From the container: when neither <see cref="AwsSecretsManagerSecretStoreOptions.Credentials"/> nor
/// <see cref="AwsSecretsManagerSecretStoreOptions.Profile"/> is set, <see cref="AWSCredentials"/> registered in the
/// container are used (else AWSSDK.Core's default chain); the store's clock is the registered <see cref="TimeProvider"/>
/// and its logger comes from the container.</para>
/// <para>Every method also registers the <c>AwsSecretsManager</c> store type for the <c>SecretStores</c> section:
/// <c>"SecretStores": { "aws": { "Type": "AwsSecretsManager", "Options": { "Region": "eu-west-1" } } }</c>.</para>
/// </remarks>
public static class AwsSecretsManagerServiceCollectionExtensions
{
    private const string BindingMessage =
        "Binds the options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    private static readonly SecretStoreServiceRegistration<AwsSecretsManagerSecretStoreOptions> Registration = new(
        AwsSecretsManagerSecretStore.ProviderName,
        CreateStore,
        AwsSecretsManagerSecretStoreOptionsValidator.Instance,
        (options, storeName) => options.StoreName ??= storeName);

    /// <summary>Registers a Secrets Manager store as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators such as caching and resilience.</returns>
    public static SecretStoreBuilder AddAwsSecretsManagerSecretStore(this IServiceCollection services, Action<AwsSecretsManagerSecretStoreOptions> configure) =>
        Registration.AddStore(services, configure);

    /// <summary>Registers a Secrets Manager store, configured from <paramref name="section"/>, as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section bound to <see cref="AwsSecretsManagerSecretStoreOptions"/> (for example <c>Region</c>, <c>Profile</c>, <c>ServiceUrl</c>).</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddAwsSecretsManagerSecretStore(this IServiceCollection services, IConfigurationSection section, Action<AwsSecretsManagerSecretStoreOptions>? configure = null) =>
        Registration.AddStore(services, section, configure);

    /// <summary>Registers a Secrets Manager store as the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, which is
    /// also its <see cref="AwsSecretsManagerSecretStoreOptions.StoreName"/> unless the options set one.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedAwsSecretsManagerSecretStore(this IServiceCollection services, string name, Action<AwsSecretsManagerSecretStoreOptions> configure) =>
        Registration.AddKeyedStore(services, name, configure);

    /// <summary>Registers a Secrets Manager store, configured from <paramref name="section"/>, as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="section">The section bound to <see cref="AwsSecretsManagerSecretStoreOptions"/>.</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public static SecretStoreBuilder AddKeyedAwsSecretsManagerSecretStore(this IServiceCollection services, string name, IConfigurationSection section, Action<AwsSecretsManagerSecretStoreOptions>? configure = null) =>
        Registration.AddKeyedStore(services, name, section, configure);

    /// <summary>Registers the <c>AwsSecretsManager</c> store type for the <c>SecretStores</c> configuration section
    /// (see <c>AddSecretStores</c>). Idempotent.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAwsSecretsManagerSecretStoreType(this IServiceCollection services) =>
        Registration.AddStoreType(services);

    private static AwsSecretsManagerSecretStore CreateStore(IServiceProvider serviceProvider, AwsSecretsManagerSecretStoreOptions options)
    {
        // A copy, so that the container's defaults do not leak into the cached options instance.
        var effective = new AwsSecretsManagerSecretStoreOptions
        {
            Region = options.Region,
            Credentials = options.Credentials ?? (string.IsNullOrEmpty(options.Profile) ? serviceProvider.GetService<AWSCredentials>() : null),
            Profile = options.Profile,
            ServiceUrl = options.ServiceUrl,
            UseFips = options.UseFips,
            RequestTimeout = options.RequestTimeout,
            HttpMessageHandler = options.HttpMessageHandler,
            RecoveryWindowInDays = options.RecoveryWindowInDays,
            ForceDeleteWithoutRecovery = options.ForceDeleteWithoutRecovery,
            MaxBatchConcurrency = options.MaxBatchConcurrency,
            StoreName = options.StoreName,
            GetEnvironmentVariable = options.GetEnvironmentVariable,
        };
        return new AwsSecretsManagerSecretStore(effective, serviceProvider.GetService<TimeProvider>(), serviceProvider.GetService<ILogger<AwsSecretsManagerSecretStore>>());
    }
}
