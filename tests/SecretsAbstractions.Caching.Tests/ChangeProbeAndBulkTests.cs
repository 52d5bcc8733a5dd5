using SecretsAbstractions.Caching.Tests.Fakes;

namespace SecretsAbstractions.Caching.Tests;

public sealed class ChangeProbeAndBulkTests : CacheTest
{
    [Fact]
    public async Task An_unchanged_probe_renews_the_entry_without_reading_the_value_again()
    {
        var recording = new RecordingSecretStore(new InMemorySecretStore());
        var probing = new ProbingStore(recording);
        using var store = new CachingSecretStore(probing, Options, Time);
        await store.SetSecretAsync(Name, "v1", cancellationToken: Ct);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        var reads = recording.CallCounts[SecretStoreOperations.GetSecret];

        Time.Advance(Options.TimeToLive);
        Assert.Equal("v1", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());

        Assert.Equal(1, probing.Probes);
        Assert.Equal(1, store.GetStatistics().UnchangedProbes);
        // The probe itself reads through the recording store; no second value read happened beyond it.
        Assert.Equal(reads + 1, recording.CallCounts[SecretStoreOperations.GetSecret]);
        Assert.Equal(Time.GetUtcNow() + Options.TimeToLive, store.GetEntryInfo(Name)!.Value.ExpiresAt);
    }

    [Fact]
    public async Task A_changed_probe_reads_the_new_value()
    {
        var inner = new InMemorySecretStore();
        var probing = new ProbingStore(inner);
        using var store = new CachingSecretStore(probing, Options, Time);
        await inner.SetSecretAsync(Name, "v1", cancellationToken: Ct);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        await inner.SetSecretAsync(Name, "v2", cancellationToken: Ct);

        Time.Advance(Options.TimeToLive);

        Assert.Equal("v2", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(1, probing.Probes);
        Assert.Equal(0, store.GetStatistics().UnchangedProbes);
    }

    [Fact]
    public async Task A_bulk_read_serves_hits_from_the_cache_and_reads_only_the_misses()
    {
        Backend.Set("app/a", "a");
        Backend.Set("app/b", "b");
        await ReadAsync("app/a");

        var results = await Store.GetSecretsAsync(["app/a", "app/b", "app/missing", "bad//name"], Ct);

        Assert.Equal("a", results[0].Secret!.Value.RevealString());
        Assert.Equal("b", results[1].Secret!.Value.RevealString());
        Assert.False(results[2].IsFound);
        Assert.Null(results[2].Error);
        Assert.Equal(SecretStoreErrorCode.InvalidName, results[3].Error?.ErrorCode);
        Assert.Equal(1, Backend.Calls("app/a"));
        Assert.Equal(1, Backend.Calls("app/b"));
        Assert.Equal(0, Backend.Calls("bad//name"));
    }

    [Fact]
    public async Task A_store_with_a_batch_API_gets_its_misses_in_one_call_and_its_failures_ride_on_stale_values()
    {
        var batch = new GatedBackend(SecretStoreCapabilities.Batch);
        var recording = new RecordingSecretStore(batch);
        var chaos = new ChaosSecretStore(recording, new ChaosSecretStoreOptions(), Time);
        using var store = new CachingSecretStore(chaos, Options, Time);
        batch.Set("app/a", "a");
        batch.Set("app/b", "b");

        var first = await store.GetSecretsAsync(["app/a", "app/b", "app/missing"], Ct);
        Assert.Equal(["a", "b"], first.Take(2).Select(r => r.Secret!.Value.RevealString()));
        Assert.Equal(1, recording.CallCounts[SecretStoreOperations.GetSecrets]);
        Assert.False(recording.CallCounts.ContainsKey(SecretStoreOperations.GetSecret));
        await store.GetSecretsAsync(["app/a", "app/b", "app/missing"], Ct);
        Assert.Equal(1, recording.CallCounts[SecretStoreOperations.GetSecrets]);

        chaos.Options.FailureRate = 1;
        Time.Advance(Options.TimeToLive);
        var stale = await store.GetSecretsAsync(["app/a", "app/new"], Ct);

        Assert.Equal("a", stale[0].Secret!.Value.RevealString());
        Assert.Equal(SecretStoreErrorCode.Unavailable, stale[1].Error?.ErrorCode);
        Assert.Equal(1, store.GetStatistics().StaleEntryCount);
    }

    [Fact]
    public async Task A_canary_value_never_appears_in_errors_entry_descriptions_or_statistics()
    {
        string canary = "canary-" + Guid.NewGuid().ToString("N");
        Backend.Set(Name, canary);
        await ReadAsync();
        Time.Advance(Options.TimeToLive);
        Backend.Hold(Name);
        var failing = Store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();
        Backend.Release(Name, new SecretStoreException(SecretStoreErrorCode.AccessDenied, "Denied."));
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => failing);
        Backend.Set("app/other", canary);
        await ReadAsync("app/other");

        RedactionAssert.NotInException(canary, error, "a failed refresh");
        RedactionAssert.DoesNotContain(canary, Store.GetEntryInfo("app/other").ToString()!, "SecretCacheEntryInfo");
        RedactionAssert.DoesNotContain(canary, Store.GetStatistics().ToString(), "SecretCacheStatistics");
        RedactionAssert.DoesNotContain(canary, Store.ToString()!, "CachingSecretStore");
    }
}
