namespace SecretsAbstractions.Tests.Composition;

public class DelegatingSecretStoreTests
{
    [Fact]
    public async Task A_decorator_sees_writes_through_WrapWriter()
    {
        var decorator = new CountingDecorator(new InMemorySecretStore());

        await decorator.SetSecretAsync("a", "v", cancellationToken: TestContext.Current.CancellationToken);
        await decorator.DeleteSecretAsync("a", TestContext.Current.CancellationToken);

        Assert.Equal(2, decorator.Writes);
    }

    [Fact]
    public void A_decorator_over_a_read_only_store_offers_no_writer()
    {
        var decorator = new CountingDecorator(new EnvironmentVariablesSecretStore());

        Assert.Null(decorator.GetWriter());
        Assert.Same(decorator, decorator.GetService<CountingDecorator>());
        Assert.Equal("Environment", decorator.GetMetadata().ProviderName);
    }

    [Fact]
    public async Task A_decorator_sees_change_probes_through_WrapChangeProbe_and_offers_none_when_the_inner_store_has_none()
    {
        var decorator = new CountingDecorator(new InMemorySecretStore());
        await decorator.SetSecretAsync("a", "v", cancellationToken: TestContext.Current.CancellationToken);

        var latest = await decorator.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync("a", TestContext.Current.CancellationToken);

        Assert.Equal("1", latest?.Version);
        Assert.Equal(1, decorator.Probes);
        Assert.Null(new CountingDecorator(new EnvironmentVariablesSecretStore()).GetService<ISecretChangeProbe>());
    }

    private sealed class CountingDecorator(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public int Writes { get; private set; }

        public int Probes { get; private set; }

        protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new Counting(innerWriter, this);

        protected override ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => new CountingProbe(innerProbe, this);

        private sealed class CountingProbe(ISecretChangeProbe inner, CountingDecorator owner) : ISecretChangeProbe
        {
            public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
            {
                owner.Probes++;
                return inner.GetLatestPropertiesAsync(name, cancellationToken);
            }
        }

        private sealed class Counting(ISecretWriter inner, CountingDecorator owner) : ISecretWriter
        {
            public ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
            {
                owner.Writes++;
                return inner.SetSecretAsync(name, value, options, cancellationToken);
            }

            public ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
            {
                owner.Writes++;
                return inner.DeleteSecretAsync(name, cancellationToken);
            }
        }
    }
}
