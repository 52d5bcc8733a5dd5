namespace SecretsAbstractions.Caching.Tests;

public sealed class SingleFlightTests : CacheTest
{
    private const int Readers = 1000;

    [Fact]
    public async Task Thousand_concurrent_readers_of_a_cold_key_cause_one_backend_call()
    {
        Backend.Set(Name, "v1");
        Backend.Hold(Name);

        var reads = await StartReadersAsync(Readers);
        Assert.All(reads, read => Assert.False(read.IsCompleted));
        Backend.Release(Name);

        var secrets = await Task.WhenAll(reads);
        Assert.All(secrets, secret => Assert.Equal("v1", secret!.Value.RevealString()));
        Assert.Equal(1, Backend.Calls(Name));
    }

    [Fact]
    public async Task Thousand_concurrent_readers_of_an_expired_key_cause_one_backend_call()
    {
        Backend.Set(Name, "v1");
        Assert.Equal("v1", await ReadAsync());
        Backend.Set(Name, "v2");
        Time.Advance(Options.TimeToLive);
        Backend.Hold(Name);

        var reads = await StartReadersAsync(Readers);
        Assert.All(reads, read => Assert.False(read.IsCompleted));
        Backend.Release(Name);

        var secrets = await Task.WhenAll(reads);
        Assert.All(secrets, secret => Assert.Equal("v2", secret!.Value.RevealString()));
        Assert.Equal(2, Backend.Calls(Name));
    }

    [Fact]
    public async Task With_refresh_ahead_readers_of_an_expired_key_get_the_old_value_without_waiting()
    {
        Options.RefreshAheadThreshold = 0.8;
        Backend.Set(Name, "v1");
        Assert.Equal("v1", await ReadAsync());
        Backend.Set(Name, "v2");
        Time.Advance(Options.TimeToLive + TimeSpan.FromSeconds(1));
        Backend.Hold(Name);

        var reads = await StartReadersAsync(Readers);

        Assert.All(reads, read => Assert.True(read.IsCompletedSuccessfully, "A reader waited for the refresh."));
        Assert.All(reads, read => Assert.Equal("v1", read.Result!.Value.RevealString()));
        await Backend.HeldReadStarted.Task.WaitAsync(Ct);
        Assert.Equal(2, Backend.Calls(Name));
        Backend.Release(Name);
        await WhenLoadedAsync();
        Assert.Equal("v2", await ReadAsync());
        Assert.Equal(2, Backend.Calls(Name));
    }

    [Fact]
    public async Task Refresh_ahead_window_serves_the_cached_value_and_refreshes_once_in_the_background()
    {
        Options.RefreshAheadThreshold = 0.5;
        Backend.Set(Name, "v1");
        Assert.Equal("v1", await ReadAsync());
        Backend.Set(Name, "v2");
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", await ReadAsync());
        Assert.Equal(1, Backend.Calls(Name));

        Time.Advance(TimeSpan.FromSeconds(2));
        Backend.Hold(Name);
        var reads = Enumerable.Range(0, 10).Select(_ => Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask()).ToArray();

        Assert.All(reads, read => Assert.True(read.IsCompletedSuccessfully, "A reader waited for the refresh."));
        Assert.All(reads, read => Assert.Equal("v1", read.Result!.Value.RevealString()));
        await Backend.HeldReadStarted.Task.WaitAsync(Ct);
        Backend.Release(Name);
        await WhenLoadedAsync();
        Assert.Equal(2, Backend.Calls(Name));
        Assert.Equal("v2", await ReadAsync());
        var entry = Store.GetEntryInfo(Name)!.Value;
        Assert.Equal(Time.GetUtcNow() + Options.TimeToLive, entry.ExpiresAt);
    }

    [Fact]
    public async Task A_slow_load_of_one_key_never_blocks_reads_of_another()
    {
        Backend.Set(Name, "slow");
        Backend.Set("app/other", "fast");
        Backend.Hold(Name);
        var slow = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();

        Assert.Equal("fast", await ReadAsync("app/other"));
        Assert.Equal("fast", await ReadAsync("app/other"));

        Assert.False(slow.IsCompleted);
        Backend.Release(Name);
        Assert.Equal("slow", (await slow)!.Value.RevealString());
        Assert.Equal(1, Backend.Calls("app/other"));
    }

    [Fact]
    public async Task A_reader_that_gives_up_does_not_cancel_the_shared_load()
    {
        Backend.Set(Name, "v1");
        Backend.Hold(Name);
        using var patience = new CancellationTokenSource();
        var impatient = Store.GetSecretAsync(Name, cancellationToken: patience.Token).AsTask();
        var patient = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();

        await patience.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Backend.Release(Name);
        Assert.Equal("v1", (await patient)!.Value.RevealString());
        Assert.Equal(1, Backend.Calls(Name));
    }

    [Fact]
    public async Task A_hit_completes_synchronously_but_still_honours_a_cancelled_token()
    {
        Backend.Set(Name, "v1");
        await ReadAsync();

        bool completedSynchronously = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask().IsCompletedSuccessfully;

        Assert.True(completedSynchronously);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.GetSecretAsync(Name, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(1, Backend.Calls(Name));
    }
}
