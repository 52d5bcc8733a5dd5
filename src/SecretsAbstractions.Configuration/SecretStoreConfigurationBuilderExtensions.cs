using Microsoft.Extensions.DependencyInjection;
using SecretsAbstractions;
using SecretsAbstractions.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds <see cref="ISecretStore"/> secrets to an <see cref="IConfigurationBuilder"/>.</summary>
/// <remarks>
/// <para>Each secret becomes a configuration key: its name without <see cref="SecretStoreConfigurationOptions.Prefix"/>,
/// with <c>/</c> and <c>--</c> turned into <c>:</c> (<see cref="SecretConfigurationKeys.FromSecretName"/>), and a
/// JSON-object value becomes child keys. So the secret <c>myapp/Db--Password</c>, added with prefix <c>myapp/</c>, is
/// read as <c>configuration["Db:Password"]</c> and binds to <c>Db.Password</c> of an options class.</para>
/// <code language="csharp">
/// builder.Configuration.AddSecretStore(vaultStore, options =>
/// {
///     options.Prefix = "myapp/";
///     options.ReloadInterval = TimeSpan.FromMinutes(5);
/// });
/// </code>
/// <para>The options are validated here, before any call to the store: an invalid one throws an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming it.</para>
/// </remarks>
public static class SecretStoreConfigurationBuilderExtensions
{
    /// <summary>Adds the secrets of <paramref name="store"/>, a store the application owns (the provider never disposes it).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="store">The store, with its decorators (caching, resilience) already applied.</param>
    /// <param name="configure">Sets the options; the defaults of <see cref="SecretStoreConfigurationOptions"/> otherwise.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    public static IConfigurationBuilder AddSecretStore(this IConfigurationBuilder builder, ISecretStore store, Action<SecretStoreConfigurationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return builder.AddSecretStore(source =>
        {
            source.Store = store;
            configure?.Invoke(source.Options);
        });
    }

    /// <summary>Adds the secrets of the store <paramref name="storeFactory"/> creates each time the source is built; the
    /// provider disposes the store it created.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="storeFactory">Creates the store (with its decorators).</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    public static IConfigurationBuilder AddSecretStore(this IConfigurationBuilder builder, Func<ISecretStore> storeFactory, Action<SecretStoreConfigurationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(storeFactory);
        return builder.AddSecretStore(source =>
        {
            source.StoreFactory = storeFactory;
            configure?.Invoke(source.Options);
        });
    }

    /// <summary>Adds the secrets of the store named <paramref name="storeName"/> in the <c>SecretStores</c> section of the
    /// configuration added so far (see <c>AddSecretStores</c>), such as
    /// <c>"SecretStores": { "vault": { "Type": "HashiCorpVault", "Options": { ... } } }</c> in appsettings.json.</summary>
    /// <param name="builder">The configuration builder; the sources added before this call declare the store.</param>
    /// <param name="storeName">The store's name: its key in the <c>SecretStores</c> section.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureStore">Adds decorators to the store, such as <c>b =&gt; b.UseResilience().UseCaching()</c>.</param>
    /// <param name="configureServices">Registers what the declared store needs, such as an adapter's store type
    /// (<c>services =&gt; services.AddHashiCorpVaultSecretStoreType()</c>); the built-in types need nothing.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="storeName"/> is empty.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    /// <remarks>The store is built when the configuration is built: a missing declaration then throws an
    /// <see cref="InvalidOperationException"/> listing the declared names, and an invalid one an
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the configuration path. With a
    /// <see cref="ConfigurationManager"/> (what hosts use) the declaration is read from it directly; with another
    /// builder the sources before this one are built once more to read it.</remarks>
    public static IConfigurationBuilder AddSecretStore(
        this IConfigurationBuilder builder,
        string storeName,
        Action<SecretStoreConfigurationOptions>? configure = null,
        Action<SecretStoreBuilder>? configureStore = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        return builder.AddSecretStore(source =>
        {
            source.StoreName = storeName;
            source.ConfigureStore = configureStore;
            source.ConfigureServices = configureServices;
            configure?.Invoke(source.Options);
        });
    }

    /// <summary>Adds a secret store source described by <paramref name="configureSource"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configureSource">Sets the source: exactly one of its store properties, and its options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Not exactly one store is set.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    public static IConfigurationBuilder AddSecretStore(this IConfigurationBuilder builder, Action<SecretStoreConfigurationSource> configureSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureSource);
        var source = new SecretStoreConfigurationSource();
        configureSource(source);
        source.Validate();
        return builder.Add(source);
    }
}
