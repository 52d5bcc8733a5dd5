using Microsoft.Extensions.DependencyInjection;

namespace SecretsAbstractions.Tests.Model;

public class SecretStoreBuilderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_Use_is_the_outermost()
    {
        var log = new List<string>();
        var inner = new InMemorySecretStore();

        var built = inner.AsBuilder()
            .Use(store => new RecordingStore(store, "A", log))
            .Use(store => new RecordingStore(store, "B", log))
            .Build();

        var outer = Assert.IsType<RecordingStore>(built);
        Assert.Equal("A", outer.Label);
        var middle = Assert.IsType<RecordingStore>(outer.Inner);
        Assert.Equal("B", middle.Label);
        Assert.Same(inner, middle.Inner);

        await built.GetSecretAsync("x", cancellationToken: Ct);
        Assert.Equal(["A", "B"], log);
    }

    [Fact]
    public void Without_decorators_the_inner_store_is_built()
    {
        var inner = new InMemorySecretStore();
        Assert.Same(inner, new SecretStoreBuilder(inner).Build());
    }

    [Fact]
    public void Factories_and_decorators_receive_the_services()
    {
        using var services = new ServiceCollection().AddSingleton(new InMemorySecretStore()).BuildServiceProvider();
        IServiceProvider? seen = null;

        var built = new SecretStoreBuilder(sp => sp.GetRequiredService<InMemorySecretStore>())
            .Use((store, sp) =>
            {
                seen = sp;
                return new RecordingStore(store, "A", []);
            })
            .Build(services);

        Assert.Same(services, seen);
        Assert.Same(services.GetRequiredService<InMemorySecretStore>(), Assert.IsType<RecordingStore>(built).Inner);
    }

    [Fact]
    public void Build_without_services_gives_an_empty_provider()
    {
        IServiceProvider? seen = null;
        new InMemorySecretStore().AsBuilder().Use((store, sp) =>
        {
            seen = sp;
            return store;
        }).Build();

        Assert.NotNull(seen);
        Assert.Null(seen.GetService(typeof(InMemorySecretStore)));
    }

    [Fact]
    public void A_null_from_a_factory_or_decorator_is_an_error()
    {
        var decorated = new InMemorySecretStore().AsBuilder().Use(store => store).Use(_ => null!);
        Assert.Contains("position 1", Assert.Throws<InvalidOperationException>(() => decorated.Build()).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new SecretStoreBuilder(_ => null!).Build());
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new SecretStoreBuilder((ISecretStore)null!));
        Assert.Throws<ArgumentNullException>(() => new SecretStoreBuilder((Func<IServiceProvider, ISecretStore>)null!));
        Assert.Throws<ArgumentNullException>(() => new InMemorySecretStore().AsBuilder().Use((Func<ISecretStore, ISecretStore>)null!));
        Assert.Throws<ArgumentNullException>(() => new InMemorySecretStore().AsBuilder().Use((Func<ISecretStore, IServiceProvider, ISecretStore>)null!));
    }

    [Fact]
    public void GetService_answers_for_the_decorator_and_passes_everything_else_through()
    {
        var inner = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = "mem" });
        var outer = new RecordingStore(new RecordingStore(inner, "B", []), "A", []);

        Assert.Same(outer, outer.GetService(typeof(RecordingStore)));
        Assert.Same(outer, outer.GetService(typeof(ISecretStore)));
        Assert.Same(inner, outer.GetService<ISecretWriter>());
        Assert.Same(inner, outer.GetService<InMemorySecretStore>());
        Assert.Equal("mem", outer.GetMetadata().StoreName);
        Assert.Null(outer.GetService(typeof(RecordingStore), serviceKey: "key"));
        Assert.Null(outer.GetService<IServiceProvider>());
        Assert.Throws<ArgumentNullException>(() => outer.GetService(null!));
    }

    [Fact]
    public async Task Reads_lists_batches_and_writes_pass_through()
    {
        var inner = new InMemorySecretStore();
        var outer = new RecordingStore(inner, "A", []);

        await outer.SetSecretAsync("app/a", "one", cancellationToken: Ct);

        Assert.Equal("one", (await outer.GetRequiredSecretAsync("app/a", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal(["app/a"], await outer.ListSecretsAsync("app/", Ct).Select(p => p.Name).ToListAsync(Ct));
        Assert.True((await outer.GetSecretsAsync(["app/a"], Ct))[0].IsFound);
        Assert.True(await outer.DeleteSecretAsync("app/a", Ct));
        Assert.Null(await inner.GetSecretAsync("app/a", cancellationToken: Ct));
    }

    [Fact]
    public async Task Disposing_a_decorator_disposes_the_inner_store()
    {
        var syncInner = new DisposableStore();
        new RecordingStore(syncInner, "A", []).Dispose();
        Assert.Equal((1, 0), (syncInner.Disposed, syncInner.DisposedAsync));

        var asyncInner = new DisposableStore();
        await new RecordingStore(asyncInner, "A", []).DisposeAsync();
        Assert.Equal((0, 1), (asyncInner.Disposed, asyncInner.DisposedAsync));
    }

    private sealed class RecordingStore(ISecretStore inner, string label, List<string> log) : DelegatingSecretStore(inner)
    {
        public string Label => label;

        public ISecretStore Inner => InnerStore;

        public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
        {
            log.Add(label);
            return base.GetSecretAsync(name, version, cancellationToken);
        }
    }

    private sealed class DisposableStore : ISecretStore, IDisposable, IAsyncDisposable
    {
        public int Disposed { get; private set; }

        public int DisposedAsync { get; private set; }

        public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Secret?>(null);

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => Disposed++;

        public ValueTask DisposeAsync()
        {
            DisposedAsync++;
            return ValueTask.CompletedTask;
        }
    }
}
