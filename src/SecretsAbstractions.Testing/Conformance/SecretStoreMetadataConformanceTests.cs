using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>Conformance of <see cref="ISecretStore.GetService"/> and <see cref="SecretStoreMetadata"/>: the store
/// describes itself truthfully.</summary>
/// <typeparam name="TFixture">The store's fixture.</typeparam>
/// <param name="fixture">The store's fixture.</param>
public abstract class SecretStoreMetadataConformanceTests<TFixture>(TFixture fixture) : SecretStoreConformanceTests<TFixture>(fixture)
    where TFixture : SecretStoreFixture
{
    /// <summary>The store offers <see cref="SecretStoreMetadata"/> reporting exactly the capabilities the fixture declares.</summary>
    [Fact]
    public virtual void MetadataReportsDeclaredCapabilities()
    {
        var metadata = Store.GetService<SecretStoreMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(Fixture.Capabilities, metadata.Capabilities);
    }

    /// <summary>The metadata names the provider and the store.</summary>
    [Fact]
    public virtual void MetadataNamesTheStore()
    {
        var metadata = Store.GetMetadata();

        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderName), "The metadata names the provider.");
        Assert.False(string.IsNullOrWhiteSpace(metadata.StoreName), "The metadata names the store.");
    }

    /// <summary>The writer is offered exactly when the store declares <see cref="SecretStoreCapabilities.Write"/>.</summary>
    [Fact]
    public virtual void WriterIsOfferedExactlyWithWriteCapability()
    {
        bool declaresWrite = (Store.GetMetadata().Capabilities & SecretStoreCapabilities.Write) != 0;

        Assert.Equal(declaresWrite, Store.GetService(typeof(ISecretWriter)) is ISecretWriter);
    }

    /// <summary>Asked for <see cref="ISecretStore"/>, the store returns itself.</summary>
    [Fact]
    public virtual void GetServiceOfSecretStoreReturnsTheStore()
    {
        Assert.Same(Store, Store.GetService(typeof(ISecretStore)));
    }

    /// <summary>A service the store does not offer, or any service under an unknown key, is <see langword="null"/>,
    /// not an exception.</summary>
    [Fact]
    public virtual void GetServiceReturnsNullForWhatTheStoreDoesNotOffer()
    {
        Assert.Null(Store.GetService(typeof(UnknownService)));
        Assert.Null(Store.GetService(typeof(UnknownService), serviceKey: "conformance-unknown-key"));
    }

    /// <summary>GetService validates its argument.</summary>
    [Fact]
    public virtual void GetServiceRejectsNullServiceType()
    {
        Assert.Throws<ArgumentNullException>(() => Store.GetService(null!));
    }

    private sealed class UnknownService;
}
