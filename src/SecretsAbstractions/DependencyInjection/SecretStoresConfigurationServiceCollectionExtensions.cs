using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecretsAbstractions;
using SecretsAbstractions.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers stores declared in configuration, and the store types such declarations can name.</summary>
/// <remarks>
/// <para>Each child of the <c>SecretStores</c> section declares one store, registered as the
/// <see cref="ISecretStore"/> keyed by the child's key (the store's name):</para>
/// <code language="json">
/// "SecretStores": {
///   "local": { "Type": "File", "Options": { "Path": "./secrets", "Format": "Directory" } },
///   "env":   { "Type": "Environment", "Options": { "Prefix": "APP_" } },
///   "mem":   { "Type": "InMemory" }
/// }
/// </code>
/// <para><c>Type</c> names a store type (case-insensitive): <c>InMemory</c>, <c>Environment</c> and
/// <c>File</c> are built in and adapter packages add theirs with
/// <see cref="AddSecretStoreType{TOptions}"/>. <c>Options</c> is bound to that type's options class;
/// when the class has a <c>StoreName</c> option left unset, it is set to the store's name.</para>
/// <para>Declarations are validated when the host starts (<see cref="OptionsBuilderExtensions.ValidateOnStart{TOptions}"/>;
/// without a host, resolve <see cref="IStartupValidator"/> and call <see cref="IStartupValidator.Validate"/>),
/// and resolving an invalid store throws the same <see cref="OptionsValidationException"/>. A key other than
/// <c>Type</c> and <c>Options</c>, a missing or unknown <c>Type</c>, an option the options class lacks, a
/// value that does not convert and a failing validator are all errors; each message names the store and the
/// configuration path (such as <c>SecretStores:local:Options:Path</c>) but never the configured value.</para>
/// <para>The stores declared are those present when <c>AddSecretStores</c> is called; their options are read
/// once, when the store is first validated or resolved.</para>
/// </remarks>
public static class SecretStoresConfigurationServiceCollectionExtensions
{
    private const string ReflectionBindingMessage =
        "Binds each store's options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    /// <summary>Registers one keyed <see cref="ISecretStore"/> per child of the <c>SecretStores</c> section of
    /// <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration that contains the <c>SecretStores</c> section (usually the root).
    /// A missing section declares no store.</param>
    /// <param name="configureStore">Called with each store's name and builder, to add decorators.</param>
    /// <returns>The services.</returns>
    [RequiresUnreferencedCode(ReflectionBindingMessage)]
    [RequiresDynamicCode(ReflectionBindingMessage)]
    public static IServiceCollection AddSecretStores(this IServiceCollection services, IConfiguration configuration, Action<string, SecretStoreBuilder>? configureStore = null) =>
        services.AddSecretStores(configuration, SecretStoreConfigurationKeys.SectionName, configureStore);

    /// <summary>Registers one keyed <see cref="ISecretStore"/> per child of the section at
    /// <paramref name="sectionPath"/> in <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration that contains the section (usually the root).</param>
    /// <param name="sectionPath">The path of the section, such as <c>MyApp:SecretStores</c>. A missing section declares no store.</param>
    /// <param name="configureStore">Called with each store's name and builder, to add decorators.</param>
    /// <returns>The services.</returns>
    [RequiresUnreferencedCode(ReflectionBindingMessage)]
    [RequiresDynamicCode(ReflectionBindingMessage)]
    public static IServiceCollection AddSecretStores(this IServiceCollection services, IConfiguration configuration, string sectionPath, Action<string, SecretStoreBuilder>? configureStore = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(sectionPath);

        // The registry is resolved lazily, so store types may be added before or after this call.
        services.TryAddSingleton<SecretStoreTypeRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretStoreDeclaration>, SecretStoreDeclarationValidator>());
        foreach (var storeSection in configuration.GetSection(sectionPath).GetChildren())
        {
            string storeName = storeSection.Key;
            services.AddOptions<SecretStoreDeclaration>(storeName)
                .Configure<SecretStoreTypeRegistry>((declaration, registry) => declaration.Load(storeName, storeSection, registry))
                .ValidateOnStart();
            var builder = services.AddKeyedSecretStore(storeName, SecretStoreDeclaration.CreateStore);
            configureStore?.Invoke(storeName, builder);
        }

        return services;
    }

    /// <summary>Adds a store type that the <c>SecretStores</c> section can name in <c>Type</c>.</summary>
    /// <typeparam name="TOptions">The options class bound from the store's <c>Options</c> section.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="typeName">The type's name, compared case-insensitively. A later registration of the same
    /// name replaces an earlier one, including a built-in type.</param>
    /// <param name="storeFactory">Creates a store from services, the store's name and its bound, validated options.</param>
    /// <param name="validator">Validates the bound options at start; a failure whose text starts with an option's
    /// name (or <c>Property &lt;name&gt;:</c>) is reported at that option's configuration path.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSecretStoreType<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(this IServiceCollection services, string typeName, Func<IServiceProvider, string, TOptions, ISecretStore> storeFactory, IValidateOptions<TOptions>? validator = null)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<SecretStoreType>(new SecretStoreType<TOptions>(typeName, storeFactory, validator));
        return services;
    }
}
