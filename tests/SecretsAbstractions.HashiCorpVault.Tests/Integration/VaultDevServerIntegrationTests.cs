namespace SecretsAbstractions.HashiCorpVault.Tests.Integration;

/// <summary>Runs against a real Vault (a dev server: <c>vault server -dev</c>) when <c>VAULT_ADDR</c> and
/// <c>VAULT_TOKEN</c> are set, and is skipped otherwise. Uses the KV v2 mount <c>secret</c> (override with
/// <c>VAULT_KV_MOUNT</c>) and removes what it writes.</summary>
public sealed class VaultDevServerIntegrationTests : IDisposable
{
    private readonly HashiCorpVaultSecretStore? _store;
    private readonly string _prefix = $"secretsabstractions-it/{Guid.NewGuid():N}/";

    public VaultDevServerIntegrationTests()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VAULT_ADDR")) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VAULT_TOKEN")))
        {
            _store = new HashiCorpVaultSecretStore(new HashiCorpVaultSecretStoreOptions
            {
                Mount = Environment.GetEnvironmentVariable("VAULT_KV_MOUNT") is { Length: > 0 } mount ? mount : "secret",
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HashiCorpVaultSecretStore Store
    {
        get
        {
            Assert.SkipWhen(_store is null, "VAULT_ADDR and VAULT_TOKEN are not set; start `vault server -dev` and set them to run these tests.");
            return _store!;
        }
    }

    [Fact]
    public async Task TextJsonVersionsListAndDeleteAgainstARealVault()
    {
        var store = Store;
        await store.InitializeAsync(Ct);
        string name = _prefix + "db";

        var first = await store.SetSecretAsync(name, "plain text", cancellationToken: Ct);
        var second = await store.SetSecretAsync(name, """{"password":"p","user":"u"}""", cancellationToken: Ct);

        Assert.Equal("plain text", (await store.GetSecretAsync(name, SecretVersion.FromId(first.Version!), Ct))!.Value.RevealString());
        var latest = await store.GetSecretAsync(name, cancellationToken: Ct);
        Assert.Equal(second.Version, latest!.Version);
        Assert.Equal("u", latest.Value.GetField("user")!.RevealString());
        var listed = new List<string>();
        await foreach (var properties in store.ListSecretsAsync(_prefix, Ct))
        {
            listed.Add(properties.Name);
        }

        Assert.Equal([name], listed);
        Assert.True(await store.DeleteSecretAsync(name, Ct));
        Assert.Null(await store.GetSecretAsync(name, cancellationToken: Ct));
    }

    [Fact]
    public async Task CheckAndSetConflictAgainstARealVault()
    {
        var store = Store;
        string name = _prefix + "cas";
        await store.SetSecretIfVersionAsync(name, SecretValue.FromString("one"), 0, Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretIfVersionAsync(name, SecretValue.FromString("two"), 0, Ct));

        Assert.Equal(SecretStoreErrorCode.Conflict, error.ErrorCode);
        await store.DeleteSecretAsync(name, Ct);
    }

    [Fact]
    public async Task TraversalNamesNeverReachARealVault()
    {
        var store = Store;
        long before = store.RequestCount;

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("a/%2e%2e/sys/seal", cancellationToken: Ct));

        Assert.Equal(before, store.RequestCount);
    }

    public void Dispose() => _store?.Dispose();
}
