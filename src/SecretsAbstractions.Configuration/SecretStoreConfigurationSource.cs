using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecretsAbstractions.Configuration.Internal;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// Describes a configuration source over one <see cref="ISecretStore"/>; added by the <c>AddSecretStore</c> methods of
/// <see cref="SecretStoreConfigurationBuilderExtensions"/>. Set exactly one of <see cref="Store"/>,
/// <see cref="StoreFactory"/> and <see cref="StoreName"/>.
/// </summary>
public sealed class SecretStoreConfigurationSource : IConfigurationSource
{
    /// <summary>A store the application owns: the provider uses it and never disposes it.</summary>
    public ISecretStore? Store { get; set; }

    /// <summary>Creates the store each time the source is built (a <see cref="ConfigurationManager"/> builds a source
    /// again when its sources change); the provider disposes what it created.</summary>
    public Func<ISecretStore>? StoreFactory { get; set; }

    /// <summary>The name of a store declared in the <see cref="SectionPath"/> section of the configuration built from the
    /// sources added before this one (see <c>AddSecretStores</c> in the core package); the provider builds it, with its
    /// own service provider, and disposes it.</summary>
    public string? StoreName { get; set; }

    /// <summary>The section that declares stores for <see cref="StoreName"/>; <c>SecretStores</c> by default.</summary>
    public string SectionPath { get; set; } = SecretStoreConfigurationKeys.SectionName;

    /// <summary>With <see cref="StoreName"/>: registers what the declared stores need, such as an adapter's store type
    /// (<c>services.AddHashiCorpVaultSecretStoreType()</c>), a <see cref="TimeProvider"/> or an
    /// <c>IMeterFactory</c>. The built-in types (<c>InMemory</c>, <c>Environment</c>, <c>File</c>) need nothing.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>With <see cref="StoreName"/>: adds decorators to the named store's chain, such as
    /// <c>b =&gt; b.UseResilience().UseCaching()</c>.</summary>
    public Action<SecretStoreBuilder>? ConfigureStore { get; set; }

    /// <summary>How secrets become keys, and when they reload.</summary>
    public SecretStoreConfigurationOptions Options { get; set; } = new();

    /// <summary>Checks the source: exactly one store, and valid <see cref="Options"/>.</summary>
    /// <exception cref="InvalidOperationException">Not exactly one of <see cref="Store"/>, <see cref="StoreFactory"/> and
    /// <see cref="StoreName"/> is set.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        int stores = (Store is null ? 0 : 1) + (StoreFactory is null ? 0 : 1) + (string.IsNullOrEmpty(StoreName) ? 0 : 1);
        if (stores != 1)
        {
            throw new InvalidOperationException(
                "A secret store configuration source needs exactly one of Store, StoreFactory and StoreName " +
                $"({(stores == 0 ? "none is set" : "several are set")}).");
        }

        if (StoreName is not null && string.IsNullOrEmpty(SectionPath))
        {
            throw new InvalidOperationException("SecretStoreConfigurationSource.SectionPath must not be empty when StoreName is set.");
        }

        SecretStoreConfigurationOptionsValidator.ThrowIfInvalid(Options);
    }

    /// <summary>Builds the provider; the first load happens when the configuration calls its <c>Load</c>.</summary>
    /// <param name="builder">The builder this source is in (for <see cref="StoreName"/>, its earlier sources).</param>
    /// <returns>The provider.</returns>
    /// <exception cref="InvalidOperationException">The source is invalid, or <see cref="StoreName"/> names no declared store.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option, or the named store's declaration, is invalid.</exception>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Validate();
        var options = Options.Clone();
        if (Store is not null)
        {
            return new SecretStoreConfigurationProvider(Store, options, ownedResources: null);
        }

        if (StoreFactory is not null)
        {
            var created = StoreFactory() ?? throw new InvalidOperationException("SecretStoreConfigurationSource.StoreFactory returned null.");
            return new SecretStoreConfigurationProvider(created, options, ownedResources: created);
        }

        var named = NamedStoreResolver.Resolve(builder, this, options);
        return new SecretStoreConfigurationProvider(named.Store, options, named);
    }
}
