using SecretsAbstractions.Caching.Internal;

namespace SecretsAbstractions.Caching.Tests;

public sealed class EvictionAndInvalidationTests : CacheTest
{
    [Fact]
    public async Task The_least_recently_used_entry_is_evicted_when_the_bound_is_passed()
    {
        Options.TimeToLive = TimeSpan.FromHours(1);
        Options.MaxEntries = 3;
        foreach (string name in new[] { "a", "b", "c", "d" })
        {
            Backend.Set(name, name);
        }

        foreach (string name in new[] { "a", "b", "c", "a" })
        {
            await ReadAsync(name);
            Time.Advance(TimeSpan.FromSeconds(2));
        }

        await ReadAsync("d");

        Assert.Null(Store.GetEntryInfo("b"));
        Assert.NotNull(Store.GetEntryInfo("a"));
        Assert.NotNull(Store.GetEntryInfo("c"));
        Assert.NotNull(Store.GetEntryInfo("d"));
        Assert.Equal(1, Store.GetStatistics().Evictions);
        Assert.Equal("b", await ReadAsync("b"));
        Assert.Equal(2, Backend.Calls("b"));
        Assert.Equal(1, Backend.Calls("a"));
    }

    [Fact]
    public async Task The_bound_holds_under_many_distinct_reads()
    {
        Options.MaxEntries = 32;
        for (int i = 0; i < 200; i++)
        {
            await ReadAsync("missing/" + i);
        }

        Assert.InRange(Store.GetStatistics().EntryCount, 1, 32);
    }

    [Fact]
    public async Task Writes_and_deletes_through_the_store_invalidate_every_cached_version()
    {
        var inner = new RecordingSecretStore(new InMemorySecretStore());
        using var store = new CachingSecretStore(inner, Options, Time);
        var first = await store.SetSecretAsync(Name, "one", cancellationToken: Ct);
        Assert.Equal("one", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("one", (await store.GetSecretAsync(Name, SecretVersion.FromId(first.Version!), Ct))!.Value.RevealString());
        Assert.Equal(2, inner.CallCounts[SecretStoreOperations.GetSecret]);

        await store.SetSecretAsync(Name, "two", cancellationToken: Ct);
        Assert.Equal("two", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("one", (await store.GetSecretAsync(Name, SecretVersion.FromId(first.Version!), Ct))!.Value.RevealString());
        Assert.Equal(4, inner.CallCounts[SecretStoreOperations.GetSecret]);

        Assert.True(await store.DeleteSecretAsync(Name, Ct));
        Assert.Null(await store.GetSecretAsync(Name, cancellationToken: Ct));
        Assert.Null(await store.GetSecretAsync(Name, SecretVersion.FromId(first.Version!), Ct));
    }

    [Fact]
    public async Task Version_pinned_reads_are_cached_by_name_and_version()
    {
        Backend.Set(Name, "v1");
        var v1 = (await Store.GetSecretAsync(Name, cancellationToken: Ct))!.Version!;
        Backend.Set(Name, "v2");

        Assert.Equal("v1", (await Store.GetSecretAsync(Name, SecretVersion.FromId(v1), Ct))!.Value.RevealString());
        Assert.Equal("v1", (await Store.GetSecretAsync(Name, SecretVersion.FromId(v1), Ct))!.Value.RevealString());
        Assert.Equal("v1", await ReadAsync());

        Assert.Equal(2, Backend.Calls(Name));
        Assert.Equal(1, Store.Invalidate(Name, SecretVersion.Latest));
        Assert.Equal("v2", await ReadAsync());
        Assert.NotNull(Store.GetEntryInfo(Name, SecretVersion.FromId(v1)));
    }

    [Fact]
    public async Task Explicit_invalidation_makes_the_next_read_ask_the_backend()
    {
        Backend.Set(Name, "v1");
        Backend.Set("app/other", "other");
        await ReadAsync();
        await ReadAsync("app/other");
        Backend.Set(Name, "v2");

        Assert.Equal(1, Store.Invalidate(Name));
        Assert.Equal("v2", await ReadAsync());
        Assert.Equal(2, Store.InvalidateAll());
        Assert.Equal("other", await ReadAsync("app/other"));

        Assert.Equal(2, Backend.Calls(Name));
        Assert.Equal(2, Backend.Calls("app/other"));
    }

    [Fact]
    public async Task Stores_with_the_same_name_never_see_each_other_s_secrets_in_a_shared_table()
    {
        using var table = new CacheTable(100, Time);
        var storeA = new GatedSecretsOf("shared", "from A");
        var storeB = new GatedSecretsOf("shared", "from B");
        using var cachedA = new CachingSecretStore(storeA.Store, Options, table);
        using var cachedB = new CachingSecretStore(storeB.Store, Options, table);
        Assert.Equal(cachedA.GetMetadata().StoreName, cachedB.GetMetadata().StoreName);

        Assert.Equal("from A", (await cachedA.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("from B", (await cachedB.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("from A", (await cachedA.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());

        Assert.Equal(2, table.Count);
        Assert.Equal(1, cachedA.Invalidate(Name));
        Assert.Equal("from B", (await cachedB.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(1, storeB.Store.Calls(Name));
    }

    private sealed class GatedSecretsOf
    {
        public GatedSecretsOf(string storeName, string value)
        {
            Store = new Fakes.GatedBackend(storeName: storeName);
            Store.Set(Name, value);
        }

        public Fakes.GatedBackend Store { get; }
    }
}
