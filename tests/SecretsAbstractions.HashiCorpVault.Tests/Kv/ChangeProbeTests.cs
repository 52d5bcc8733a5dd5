using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>The KV v2 change probe (metadata endpoint), offered only for KV v2 mounts, alone and under the cache.</summary>
public sealed class ChangeProbeTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TheProbeReportsWhatAReadOfTheLatestVersionReportsWithoutReadingTheValue()
    {
        var probe = _store.GetService<ISecretChangeProbe>();
        Assert.NotNull(probe);
        Assert.Null(await probe.GetLatestPropertiesAsync("app/db", Ct));

        await _store.SetSecretAsync("app/db", "one", new SecretWriteOptions { Tags = new Dictionary<string, string> { ["team"] = "a" } }, Ct);
        await _store.SetSecretAsync("app/db", "two", cancellationToken: Ct);
        var read = (await _store.GetSecretAsync("app/db", cancellationToken: Ct))!.Properties;
        int before = _server.Requests.Count;

        var probed = await probe.GetLatestPropertiesAsync("app/db", Ct);

        Assert.NotNull(probed);
        Assert.Equal("2", probed.Version);
        Assert.Equal(read.Version, probed.Version);
        Assert.Equal(read.UpdatedOn, probed.UpdatedOn);
        Assert.Equal(read.CreatedOn, probed.CreatedOn);
        Assert.Equal("a", probed.Tags["team"]);
        var request = Assert.Single(_server.Requests.Skip(before));
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/v1/secret/metadata/app/db", request.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetadataOnlyChangeIsNotAChangeOfTheValue()
    {
        var probe = _store.GetService<ISecretChangeProbe>()!;
        await _store.SetSecretAsync("meta", "v", cancellationToken: Ct);
        var first = await probe.GetLatestPropertiesAsync("meta", Ct);

        // Vault moves updated_time on a metadata write; the value and its version stay.
        await _store.GetService<HashiCorpVaultKvV2>()!.SetCustomMetadataAsync("meta", new Dictionary<string, string> { ["owner"] = "ops" }, Ct);
        var second = await probe.GetLatestPropertiesAsync("meta", Ct);

        Assert.Equal(first!.Version, second!.Version);
        Assert.Equal(first.UpdatedOn, second.UpdatedOn);
        Assert.Equal("ops", second.Tags["owner"]);
    }

    [Fact]
    public async Task ADeletedOrDestroyedCurrentVersionProbesAsAbsentLikeARead()
    {
        var probe = _store.GetService<ISecretChangeProbe>()!;
        var kv = _store.GetService<HashiCorpVaultKvV2>()!;
        await _store.SetSecretAsync("gone", "one", cancellationToken: Ct);
        await _store.SetSecretAsync("gone", "two", cancellationToken: Ct);

        await kv.DeleteLatestVersionAsync("gone", Ct);
        Assert.Null(await _store.GetSecretAsync("gone", cancellationToken: Ct));
        Assert.Null(await probe.GetLatestPropertiesAsync("gone", Ct));

        await kv.UndeleteVersionsAsync("gone", [2], Ct);
        Assert.Equal("2", (await probe.GetLatestPropertiesAsync("gone", Ct))!.Version);

        await kv.DestroyVersionsAsync("gone", [2], Ct);
        Assert.Null(await _store.GetSecretAsync("gone", cancellationToken: Ct));
        Assert.Null(await probe.GetLatestPropertiesAsync("gone", Ct));
    }

    [Fact]
    public async Task AnInvalidNameFailsBeforeAnyRequest()
    {
        var probe = _store.GetService<ISecretChangeProbe>()!;
        int before = _server.Requests.Count;
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await probe.GetLatestPropertiesAsync("a/../b", Ct));
        Assert.Equal(SecretStoreErrorCode.InvalidName, error.ErrorCode);
        Assert.Equal(before, _server.Requests.Count);
    }

    [Fact]
    public async Task AKvV1MountOffersNoProbe()
    {
        using var v1 = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V1; o.Mount = "kv"; o.Auth.Token = VaultTestServer.RootToken; });
        Assert.Null(v1.GetService<ISecretChangeProbe>());

        using var detectedV1 = VaultStoreFactory.Create(_server, o => { o.Mount = "kv"; o.Auth.Token = VaultTestServer.RootToken; });
        Assert.Null(detectedV1.GetService<ISecretChangeProbe>());
        await detectedV1.InitializeAsync(Ct);
        Assert.Null(detectedV1.GetService<ISecretChangeProbe>());
    }

    [Fact]
    public async Task ADetectedKvV2MountOffersTheProbeOnceDetected()
    {
        using var auto = VaultStoreFactory.Create(_server, o => { o.Mount = "secret"; o.Auth.Token = VaultTestServer.RootToken; });
        Assert.Null(auto.GetService<ISecretChangeProbe>());
        await auto.InitializeAsync(Ct);
        Assert.NotNull(auto.GetService<ISecretChangeProbe>());
    }

    [Fact]
    public async Task UnderTheCacheAnUnchangedSecretCostsOneProbeAndAChangedOneIsReadAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ttl = TimeSpan.FromMinutes(1);
        var store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        using var cached = (IDisposable)store.AsBuilder()
            .UseCaching(o => (o.TimeToLive, o.TimeToLiveJitter, o.RefreshAheadThreshold, o.TimeProvider) = (ttl, TimeSpan.Zero, null, clock))
            .Build();
        var reader = (ISecretStore)cached;
        await _store.SetSecretAsync("cached", "one", cancellationToken: Ct);
        Assert.Equal("one", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());

        clock.Advance(ttl);
        int before = _server.Requests.Count;
        Assert.Equal("one", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());
        var unchanged = _server.Requests.Skip(before).ToList();
        Assert.Single(unchanged);
        Assert.Contains("/metadata/cached", unchanged[0].RawTarget, StringComparison.Ordinal);

        await _store.SetSecretAsync("cached", "two", cancellationToken: Ct);
        clock.Advance(ttl);
        before = _server.Requests.Count;
        Assert.Equal("two", (await reader.GetSecretAsync("cached", cancellationToken: Ct))!.Value.RevealString());
        var changed = _server.Requests.Skip(before).Select(r => r.RawTarget).ToList();
        Assert.Equal(2, changed.Count);
        Assert.Contains("/metadata/cached", changed[0], StringComparison.Ordinal);
        Assert.Contains("/data/cached", changed[1], StringComparison.Ordinal);
    }
}
