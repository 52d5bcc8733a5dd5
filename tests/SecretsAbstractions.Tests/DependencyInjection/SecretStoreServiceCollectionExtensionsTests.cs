using Microsoft.Extensions.DependencyInjection;

namespace SecretsAbstractions.Tests.DependencyInjection;

public class SecretStoreServiceCollectionExtensionsTests
{
    private static readonly ServiceProviderOptions StrictProvider = new() { ValidateScopes = true, ValidateOnBuild = true };

    [Fact]
    public async Task First_Use_is_the_outermost_decorator()
    {
        var reads = new List<string>();
        var services = new ServiceCollection();
        services.AddSecretStore(new InMemorySecretStore())
            .Use(inner => new LabelRecordingStore(inner, "outer", reads))
            .Use((inner, _) => new LabelRecordingStore(inner, "inner", reads));
        using var provider = services.BuildServiceProvider(StrictProvider);

        var store = provider.GetRequiredService<ISecretStore>();
        await store.GetSecretAsync("a", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("outer", Assert.IsType<LabelRecordingStore>(store).Label);
        Assert.Equal(["outer", "inner"], reads);
    }

    [Fact]
    public void Keyed_and_default_stores_resolve_separately()
    {
        var defaultStore = new InMemorySecretStore();
        var first = new InMemorySecretStore(new() { StoreName = "first" });
        var services = new ServiceCollection();
        services.AddSecretStore(defaultStore);
        services.AddKeyedSecretStore("first", first);
        services.AddKeyedSecretStore("second", _ => new InMemorySecretStore(new() { StoreName = "second" }));
        using var provider = services.BuildServiceProvider(StrictProvider);

        Assert.Same(defaultStore, provider.GetRequiredService<ISecretStore>());
        Assert.Same(first, provider.GetRequiredKeyedService<ISecretStore>("first"));
        Assert.Equal("second", provider.GetRequiredKeyedService<ISecretStore>("second").GetMetadata().StoreName);
        Assert.Null(provider.GetKeyedService<ISecretStore>("third"));
    }

    [Fact]
    public void A_keyed_store_factory_and_its_decorators_see_the_store_name()
    {
        string? nameSeenByFactory = null;
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("vault", (_, name) =>
            {
                nameSeenByFactory = name;
                return new InMemorySecretStore(new() { StoreName = name });
            })
            .Use(inner => new LabelRecordingStore(inner, "decorator", []));
        using var provider = services.BuildServiceProvider(StrictProvider);

        var store = Assert.IsType<LabelRecordingStore>(provider.GetRequiredKeyedService<ISecretStore>("vault"));

        Assert.Equal("vault", nameSeenByFactory);
        Assert.Equal("vault", store.InnerStoreName);
        Assert.Equal("vault", store.GetMetadata().StoreName);
    }

    [Fact]
    public void Singleton_chain_is_built_once_for_every_scope()
    {
        int built = 0;
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", _ =>
        {
            built++;
            return new InMemorySecretStore();
        });
        using var provider = services.BuildServiceProvider(StrictProvider);

        var fromRoot = provider.GetRequiredKeyedService<ISecretStore>("a");
        using var scope = provider.CreateScope();
        var fromScope = scope.ServiceProvider.GetRequiredKeyedService<ISecretStore>("a");

        Assert.Same(fromRoot, fromScope);
        Assert.Equal(1, built);
    }

    [Fact]
    public void Scoped_chain_is_built_once_per_scope()
    {
        var services = new ServiceCollection();
        services.AddSecretStore(_ => new InMemorySecretStore(), ServiceLifetime.Scoped);
        using var provider = services.BuildServiceProvider(StrictProvider);

        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        Assert.Same(first.ServiceProvider.GetRequiredService<ISecretStore>(), first.ServiceProvider.GetRequiredService<ISecretStore>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<ISecretStore>(), second.ServiceProvider.GetRequiredService<ISecretStore>());
    }

    [Fact]
    public void Transient_chain_is_built_on_every_resolve()
    {
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", _ => new InMemorySecretStore(), ServiceLifetime.Transient);
        using var provider = services.BuildServiceProvider(StrictProvider);

        Assert.NotSame(provider.GetRequiredKeyedService<ISecretStore>("a"), provider.GetRequiredKeyedService<ISecretStore>("a"));
    }

    [Fact]
    public void Disposing_the_container_disposes_the_chain_and_the_inner_store()
    {
        var inner = new DisposalTrackingStore();
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", inner).Use(store => new LabelRecordingStore(store, "decorator", []));
        var provider = services.BuildServiceProvider(StrictProvider);
        provider.GetRequiredKeyedService<ISecretStore>("a");

        provider.Dispose();

        Assert.Equal(1, inner.DisposeCount);
    }

    [Fact]
    public async Task Disposing_the_container_asynchronously_disposes_the_store()
    {
        var inner = new DisposalTrackingStore();
        var services = new ServiceCollection();
        services.AddSecretStore(inner);
        var provider = services.BuildServiceProvider(StrictProvider);
        provider.GetRequiredService<ISecretStore>();

        await provider.DisposeAsync();

        Assert.Equal(1, inner.DisposeCount);
    }

    [Fact]
    public void A_store_that_was_never_resolved_is_not_built_or_disposed()
    {
        var inner = new DisposalTrackingStore();
        var services = new ServiceCollection();
        services.AddSecretStore(inner);
        var provider = services.BuildServiceProvider(StrictProvider);

        provider.Dispose();

        Assert.Equal(0, inner.DisposeCount);
    }

    [Fact]
    public void Store_provider_finds_keyed_stores_by_name()
    {
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", _ => new InMemorySecretStore());
        services.AddKeyedSecretStore("b", _ => new InMemorySecretStore());
        using var provider = services.BuildServiceProvider(StrictProvider);

        var stores = provider.GetRequiredService<ISecretStoreProvider>();

        Assert.Equal(["a", "b"], stores.StoreNames);
        Assert.Same(provider.GetRequiredKeyedService<ISecretStore>("b"), stores.GetStore("b"));
    }

    [Fact]
    public void Store_provider_names_the_unknown_store_and_lists_the_known_ones()
    {
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", _ => new InMemorySecretStore());
        services.AddKeyedSecretStore("b", _ => new InMemorySecretStore());
        using var provider = services.BuildServiceProvider(StrictProvider);

        var error = Assert.Throws<SecretStoreException>(() => provider.GetRequiredService<ISecretStoreProvider>().GetStore("c"));

        Assert.Equal(SecretStoreErrorCode.InvalidRequest, error.ErrorCode);
        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("known stores: 'a', 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_provider_resolves_scoped_stores_from_its_scope()
    {
        var services = new ServiceCollection();
        services.AddKeyedSecretStore("a", _ => new InMemorySecretStore(), ServiceLifetime.Scoped);
        using var provider = services.BuildServiceProvider(StrictProvider);
        using var scope = provider.CreateScope();

        var store = scope.ServiceProvider.GetRequiredService<ISecretStoreProvider>().GetStore("a");

        Assert.Same(scope.ServiceProvider.GetRequiredKeyedService<ISecretStore>("a"), store);
    }
}
