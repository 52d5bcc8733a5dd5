using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions;

/// <summary>
/// The dependency-injection surface every adapter package offers, written once: a store registered as the
/// default or a keyed <see cref="ISecretStore"/>, its options from a callback or a strictly bound configuration
/// section (unknown keys are errors), validated when the host starts and when the store is resolved, and the
/// adapter's store type registered for the <c>SecretStores</c> section. An adapter keeps one static instance and
/// forwards its <c>Add...SecretStore</c> extension methods to it.
/// </summary>
/// <typeparam name="TOptions">The adapter's options class.</typeparam>
public sealed class SecretStoreServiceRegistration<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>
    where TOptions : class, new()
{
    private const string BindingMessage =
        "Binds the options with the reflection-based configuration binder; the options classes and their properties must be preserved.";

    private readonly string _typeName;
    private readonly Func<IServiceProvider, TOptions, ISecretStore> _createStore;
    private readonly IValidateOptions<TOptions> _validator;
    private readonly Action<TOptions, string> _setDefaultStoreName;

    /// <summary>Describes an adapter's registrations.</summary>
    /// <param name="typeName">The store type's name in the <c>SecretStores</c> section, such as <c>HashiCorpVault</c>.</param>
    /// <param name="createStore">Creates a store from services and validated options.</param>
    /// <param name="validator">The one place where the options are checked.</param>
    /// <param name="setDefaultStoreName">Sets the options' store name to the DI key when the options leave it unset.</param>
    public SecretStoreServiceRegistration(
        string typeName,
        Func<IServiceProvider, TOptions, ISecretStore> createStore,
        IValidateOptions<TOptions> validator,
        Action<TOptions, string> setDefaultStoreName)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(setDefaultStoreName);
        _typeName = typeName;
        _createStore = createStore;
        _validator = validator;
        _setDefaultStoreName = setDefaultStoreName;
    }

    /// <summary>Registers the default <see cref="ISecretStore"/>, configured by <paramref name="configure"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public SecretStoreBuilder AddStore(IServiceCollection services, Action<TOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ConfigureOptions(services, Options.DefaultName, storeName: null).Configure(configure);
        return services.AddSecretStore(serviceProvider => CreateStore(serviceProvider, Options.DefaultName));
    }

    /// <summary>Registers the default <see cref="ISecretStore"/>, configured from <paramref name="section"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section bound to the options; unknown keys are errors.</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public SecretStoreBuilder AddStore(IServiceCollection services, IConfigurationSection section, Action<TOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        Bind(ConfigureOptions(services, Options.DefaultName, storeName: null), section, configure);
        return services.AddSecretStore(serviceProvider => CreateStore(serviceProvider, Options.DefaultName));
    }

    /// <summary>Registers the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, which is also its store
    /// name unless the options set one.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add decorators.</returns>
    public SecretStoreBuilder AddKeyedStore(IServiceCollection services, string name, Action<TOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        ConfigureOptions(services, name, name).Configure(configure);
        return services.AddKeyedSecretStore(name, CreateStore);
    }

    /// <summary>Registers the <see cref="ISecretStore"/> keyed by <paramref name="name"/>, configured from <paramref name="section"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="section">The section bound to the options; unknown keys are errors.</param>
    /// <param name="configure">Changes the bound options; runs after binding.</param>
    /// <returns>The builder, to add decorators.</returns>
    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    public SecretStoreBuilder AddKeyedStore(IServiceCollection services, string name, IConfigurationSection section, Action<TOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(section);
        Bind(ConfigureOptions(services, name, name), section, configure);
        return services.AddKeyedSecretStore(name, CreateStore);
    }

    /// <summary>Registers the store type for the <c>SecretStores</c> section; registering it again does nothing.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public IServiceCollection AddStoreType(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(StoreTypeRegistered)))
        {
            return services;
        }

        services.AddSingleton<StoreTypeRegistered>();
        return services.AddSecretStoreType<TOptions>(_typeName, (serviceProvider, _, options) => _createStore(serviceProvider, options), _validator);
    }

    [RequiresUnreferencedCode(BindingMessage)]
    [RequiresDynamicCode(BindingMessage)]
    private static void Bind(OptionsBuilder<TOptions> options, IConfigurationSection section, Action<TOptions>? configure)
    {
        options.Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        if (configure is not null)
        {
            options.Configure(configure);
        }
    }

    private OptionsBuilder<TOptions> ConfigureOptions(IServiceCollection services, string optionsName, string? storeName)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddStoreType(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(_validator));
        var builder = services.AddOptions<TOptions>(optionsName);
        if (storeName is not null)
        {
            builder.PostConfigure(options => _setDefaultStoreName(options, storeName));
        }

        return builder.ValidateOnStart();
    }

    private ISecretStore CreateStore(IServiceProvider serviceProvider, string optionsName) =>
        _createStore(serviceProvider, serviceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(optionsName));

    // Marks, once per options type, that the store type is registered.
    private sealed class StoreTypeRegistered;
}
