using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>A store declared in the <c>SecretStores</c> section, with the service provider (and, when it had to be
/// built, the configuration) that made it; disposed with the configuration provider.</summary>
internal sealed class NamedStore : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDisposable? _ownedConfiguration;

    public NamedStore(ISecretStore store, ServiceProvider services, IDisposable? ownedConfiguration)
    {
        Store = store;
        _services = services;
        _ownedConfiguration = ownedConfiguration;
    }

    public ISecretStore Store { get; }

    public void Dispose()
    {
        _services.Dispose();
        _ownedConfiguration?.Dispose();
    }
}

/// <summary>Builds the store that <see cref="SecretStoreConfigurationSource.StoreName"/> names, with core's
/// <c>AddSecretStores</c> over the configuration of the sources added before the secret store source.</summary>
internal static class NamedStoreResolver
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Store declarations are bound by reflection, as AddSecretStores documents.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Store declarations are bound by reflection, as AddSecretStores documents.")]
    public static NamedStore Resolve(IConfigurationBuilder builder, SecretStoreConfigurationSource source, SecretStoreConfigurationOptions options)
    {
        string storeName = source.StoreName!;
        var (configuration, owned) = EarlierConfiguration(builder, source);
        var services = new ServiceCollection();
        if (options.TimeProvider is { } timeProvider)
        {
            services.AddSingleton(timeProvider);
        }

        if (options.LoggerFactory is { } loggerFactory)
        {
            services.AddSingleton(loggerFactory);
            services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        }

        source.ConfigureServices?.Invoke(services);
        services.AddSecretStores(configuration, source.SectionPath, (name, storeBuilder) =>
        {
            if (string.Equals(name, storeName, StringComparison.Ordinal))
            {
                source.ConfigureStore?.Invoke(storeBuilder);
            }
        });

        var provider = services.BuildServiceProvider();
        try
        {
            var stores = provider.GetService<ISecretStoreProvider>();
            if (stores is null || !stores.StoreNames.Contains(storeName, StringComparer.Ordinal))
            {
                string known = stores is null || stores.StoreNames.Count == 0
                    ? "it declares none"
                    : "it declares " + string.Join(", ", stores.StoreNames.Select(n => $"'{SecretName.ForDisplay(n)}'"));
                throw new InvalidOperationException(
                    $"AddSecretStore: no secret store named '{SecretName.ForDisplay(storeName)}' is declared in the configuration section " +
                    $"'{source.SectionPath}' of the sources added before it ({known}). Declare it there (with its Type and Options) before adding the secret store source.");
            }

            return new NamedStore(stores.GetStore(storeName), provider, owned);
        }
        catch
        {
            provider.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    // A ConfigurationManager (what hosts use) already holds the earlier sources, loaded: use it as it is. Any other
    // builder: build a configuration of the sources before this one.
    private static (IConfiguration Configuration, IDisposable? Owned) EarlierConfiguration(IConfigurationBuilder builder, SecretStoreConfigurationSource source)
    {
        if (builder is IConfiguration live)
        {
            return (live, null);
        }

        var earlier = new ConfigurationBuilder();
        foreach (var property in builder.Properties)
        {
            earlier.Properties[property.Key] = property.Value;
        }

        foreach (var other in builder.Sources)
        {
            if (ReferenceEquals(other, source))
            {
                break;
            }

            earlier.Sources.Add(other);
        }

        var root = earlier.Build();
        return (root, root as IDisposable);
    }
}
