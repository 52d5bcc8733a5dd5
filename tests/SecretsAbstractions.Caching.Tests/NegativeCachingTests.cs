namespace SecretsAbstractions.Caching.Tests;

public sealed class NegativeCachingTests : CacheTest
{
    [Fact]
    public async Task Not_found_is_cached_for_its_own_time_to_live()
    {
        Assert.Null(await ReadAsync());
        Backend.Set(Name, "created");
        Time.Advance(Options.NegativeTimeToLive - TimeSpan.FromSeconds(1));
        Assert.Null(await ReadAsync());
        Assert.Equal(1, Backend.Calls(Name));
        Assert.False(Store.GetEntryInfo(Name)!.Value.IsFound);

        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("created", await ReadAsync());
        Assert.Equal(2, Backend.Calls(Name));
    }

    [Fact]
    public async Task Without_negative_caching_every_read_of_a_missing_secret_asks_the_backend_once_for_all_concurrent_readers()
    {
        Options.NegativeTimeToLive = TimeSpan.Zero;
        Backend.Hold(Name);
        var reads = await StartReadersAsync(100);
        Backend.Release(Name);
        Assert.All(await Task.WhenAll(reads), Assert.Null);
        Assert.Equal(1, Backend.Calls(Name));

        Assert.Null(await ReadAsync());

        Assert.Equal(2, Backend.Calls(Name));
        Assert.Null(Store.GetEntryInfo(Name));
    }

    [Fact]
    public async Task A_cached_not_found_is_the_last_good_answer_while_the_backend_fails()
    {
        Assert.Null(await ReadAsync());
        Time.Advance(Options.NegativeTimeToLive);
        Backend.Hold(Name);
        var read = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();
        Backend.Release(Name, new SecretStoreException(SecretStoreErrorCode.Unavailable, "Down."));

        Assert.Null(await read);
        Assert.Equal(1, Store.GetStatistics().StaleEntryCount);
        Time.Advance(Options.MaxStaleness);
        Backend.Hold(Name);
        var failing = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();
        Backend.Release(Name, new SecretStoreException(SecretStoreErrorCode.Unavailable, "Still down."));
        Assert.Equal(SecretStoreErrorCode.Unavailable, (await Assert.ThrowsAsync<SecretStoreException>(() => failing)).ErrorCode);
    }

    [Fact]
    public async Task A_write_through_the_store_replaces_a_cached_not_found()
    {
        var inner = new InMemorySecretStore();
        using var store = new CachingSecretStore(inner, Options, Time);
        Assert.Null(await store.GetSecretAsync(Name, cancellationToken: Ct));

        await store.SetSecretAsync(Name, "written", cancellationToken: Ct);

        Assert.Equal("written", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
    }
}
