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

    private sealed class CountingDecorator(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public int Writes { get; private set; }

        protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new Counting(innerWriter, this);

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
