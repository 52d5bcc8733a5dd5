using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>The KV v2 operations beyond the portable contract, against the test server.</summary>
public sealed class KvV2OperationsTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;
    private HashiCorpVaultKvV2 _kv = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        _kv = _store.GetService<HashiCorpVaultKvV2>()!;
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PatchMergesFieldsIntoANewVersion()
    {
        await _store.SetSecretAsync("p", """{"a":"1","b":"2"}""", cancellationToken: Ct);

        var patched = await _kv.PatchAsync("p", """{"b":null,"c":"3"}""", expectedVersion: 1, Ct);

        Assert.Equal("2", patched.Version);
        Assert.Equal("""{"a":"1","c":"3"}""", (await _store.GetSecretAsync("p", cancellationToken: Ct))!.Value.RevealString());
        Assert.Contains(_server.Requests, r => r.Method == "PATCH" && r.Headers["Content-Type"].StartsWith("application/merge-patch+json", StringComparison.Ordinal));
        var conflict = await Assert.ThrowsAsync<SecretStoreException>(async () => await _kv.PatchAsync("p", """{"d":"4"}""", expectedVersion: 1, Ct));
        Assert.Equal(SecretStoreErrorCode.Conflict, conflict.ErrorCode);
        var missing = await Assert.ThrowsAsync<SecretStoreException>(async () => await _kv.PatchAsync("absent", """{"d":"4"}""", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.NotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task SoftDeleteUndeleteAndDestroy()
    {
        await _store.SetSecretAsync("d", "one", cancellationToken: Ct);
        await _store.SetSecretAsync("d", "two", cancellationToken: Ct);
        await _store.SetSecretAsync("d", "three", cancellationToken: Ct);

        await _kv.DeleteLatestVersionAsync("d", Ct);
        Assert.Null(await _store.GetSecretAsync("d", cancellationToken: Ct));
        await _kv.UndeleteVersionsAsync("d", [3], Ct);
        Assert.Equal("three", (await _store.GetSecretAsync("d", cancellationToken: Ct))!.Value.RevealString());
        await _kv.DeleteVersionsAsync("d", [1], Ct);
        await _kv.DestroyVersionsAsync("d", [2], Ct);

        Assert.Null(await _store.GetSecretAsync("d", SecretVersion.FromId("1"), Ct));
        Assert.Null(await _store.GetSecretAsync("d", SecretVersion.FromId("2"), Ct));
        var metadata = await _kv.GetMetadataAsync("d", Ct);
        Assert.NotNull(metadata);
        Assert.Equal(3, metadata.CurrentVersion);
        Assert.Equal([1L, 2L, 3L], metadata.Versions.Select(v => v.Version));
        Assert.NotNull(metadata.Versions[0].DeletedOn);
        Assert.True(metadata.Versions[1].Destroyed);
        Assert.Null(metadata.Versions[2].DeletedOn);
        Assert.NotNull(metadata.CreatedOn);
        Assert.NotNull(metadata.UpdatedOn);
    }

    [Fact]
    public async Task CustomMetadataIsWrittenAndReadAsTags()
    {
        await _store.SetSecretAsync("m", "v", cancellationToken: Ct);

        await _kv.SetCustomMetadataAsync("m", new Dictionary<string, string> { ["owner"] = "team-a" }, Ct);

        Assert.Equal("team-a", (await _kv.GetMetadataAsync("m", Ct))!.CustomMetadata["owner"]);
        Assert.Equal("team-a", (await _store.GetSecretAsync("m", cancellationToken: Ct))!.Properties.Tags["owner"]);
        Assert.Null(await _kv.GetMetadataAsync("never", Ct));
    }

    [Fact]
    public async Task InvalidNamesAndPatchesAreRefusedBeforeIo()
    {
        long before = _server.RequestCount;

        await Assert.ThrowsAsync<SecretStoreException>(async () => await _kv.DestroyVersionsAsync("a/%2e%2e/b", [1], Ct));
        var notJson = await Assert.ThrowsAsync<SecretStoreException>(async () => await _kv.PatchAsync("a", "{not json", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.InvalidRequest, notJson.ErrorCode);
        Assert.Equal(before, _server.RequestCount);
    }

    [Fact]
    public async Task KvV1StoresDoNotOfferIt()
    {
        using var v1 = VaultStoreFactory.Create(_server, o => { o.Mount = "kv"; o.KvVersion = VaultKvVersion.V1; o.Auth.Token = VaultTestServer.RootToken; });

        Assert.Null(v1.GetService<HashiCorpVaultKvV2>());
        Assert.NotNull(_kv);
    }
}
