using Microsoft.Extensions.DependencyInjection.Extensions;
using SecretsAbstractions;
using SecretsAbstractions.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ISecretStore"/> chains in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Each method returns the <see cref="SecretStoreBuilder"/> of the registration, so decorators are
/// chained with <see cref="SecretStoreBuilder.Use(Func{ISecretStore, ISecretStore})"/>; the first
/// <c>Use</c> is the outermost. The chain is built when the service is resolved, once per
/// <see cref="ServiceLifetime"/>, and the container disposes what it built, including a store passed as an instance.</para>
/// <para>Store names: a keyed store's name is its DI key. The key reaches the innermost store through the
/// <c>Func&lt;IServiceProvider, string, ISecretStore&gt;</c> factory, which should put it in the store's
/// options (<c>StoreName</c>); the store then reports it in <see cref="SecretStoreMetadata.StoreName"/>,
/// its errors and its telemetry, and decorators read it with <c>innerStore.GetMetadata().StoreName</c>.
/// A store passed as an instance keeps the name it was created with.</para>
/// </remarks>
public static class SecretStoreServiceCollectionExtensions
{
    /// <summary>Registers <paramref name="store"/> as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="store">The innermost store; the container disposes it with the chain.</param>
    /// <param name="lifetime">The lifetime of the built chain; <see cref="ServiceLifetime.Singleton"/> by default.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddSecretStore(this IServiceCollection services, ISecretStore store, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(store);
        return services.AddSecretStore(_ => store, lifetime);
    }

    /// <summary>Registers the store created by <paramref name="storeFactory"/> as the default <see cref="ISecretStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="storeFactory">Creates the innermost store from services.</param>
    /// <param name="lifetime">The lifetime of the built chain; <see cref="ServiceLifetime.Singleton"/> by default.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddSecretStore(this IServiceCollection services, Func<IServiceProvider, ISecretStore> storeFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        var builder = new SecretStoreBuilder(storeFactory);
        services.Add(new ServiceDescriptor(typeof(ISecretStore), builder.Build, lifetime));
        return builder;
    }

    /// <summary>Registers <paramref name="store"/> as the <see cref="ISecretStore"/> keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="store">The innermost store; the container disposes it with the chain. It keeps the
    /// name it was created with, so create it with <paramref name="name"/> as its <c>StoreName</c>.</param>
    /// <param name="lifetime">The lifetime of the built chain; <see cref="ServiceLifetime.Singleton"/> by default.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedSecretStore(this IServiceCollection services, string name, ISecretStore store, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(store);
        return services.AddKeyedSecretStore(name, (_, _) => store, lifetime);
    }

    /// <summary>Registers the store created by <paramref name="storeFactory"/> as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="storeFactory">Creates the innermost store from services.</param>
    /// <param name="lifetime">The lifetime of the built chain; <see cref="ServiceLifetime.Singleton"/> by default.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedSecretStore(this IServiceCollection services, string name, Func<IServiceProvider, ISecretStore> storeFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(storeFactory);
        return services.AddKeyedSecretStore(name, (serviceProvider, _) => storeFactory(serviceProvider), lifetime);
    }

    /// <summary>Registers the store created by <paramref name="storeFactory"/> as the <see cref="ISecretStore"/>
    /// keyed by <paramref name="name"/>; the factory receives the name so the store can report it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name and DI key.</param>
    /// <param name="storeFactory">Creates the innermost store from services and the store's name, which it
    /// should pass on as the store's <c>StoreName</c> option.</param>
    /// <param name="lifetime">The lifetime of the built chain; <see cref="ServiceLifetime.Singleton"/> by default.</param>
    /// <returns>The builder, to add decorators.</returns>
    public static SecretStoreBuilder AddKeyedSecretStore(this IServiceCollection services, string name, Func<IServiceProvider, string, ISecretStore> storeFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(storeFactory);
        var builder = new SecretStoreBuilder(serviceProvider => storeFactory(serviceProvider, name));
        services.Add(new ServiceDescriptor(typeof(ISecretStore), name, (serviceProvider, _) => builder.Build(serviceProvider), lifetime));
        services.AddSingleton(new SecretStoreNameRegistration(name));
        services.TryAddTransient<ISecretStoreProvider, SecretStoreProvider>();
        return builder;
    }
}
