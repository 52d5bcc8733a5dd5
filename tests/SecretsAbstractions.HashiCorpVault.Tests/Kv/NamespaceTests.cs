using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>Namespaces are isolated by X-Vault-Namespace.</summary>
public sealed class NamespaceTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultTestServer.StartAsync();
        _server.AddNamespace("team-a");
        _server.AddNamespace("team-b");
        _server.MountKvV2("secret", "team-a");
        _server.MountKvV2("secret", "team-b");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SameNameInTwoNamespacesHoldsTwoSecrets()
    {
        using var a = Create("team-a", VaultTestServer.RootToken);
        using var b = Create("team-b", VaultTestServer.RootToken);

        await a.SetSecretAsync("db", "value of a", cancellationToken: Ct);
        await b.SetSecretAsync("db", "value of b", cancellationToken: Ct);

        Assert.Equal("value of a", (await a.GetSecretAsync("db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("value of b", (await b.GetSecretAsync("db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Contains(_server.Requests, r => r.Headers.TryGetValue("X-Vault-Namespace", out var ns) && ns == "team-a");
        Assert.All(_server.Requests, r => Assert.StartsWith("/v1/", r.RawTarget, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATokenOfOneNamespaceIsDeniedInAnother()
    {
        _server.AddPolicy("all", "team-a").Allow("secret/*", "create", "read", "update", "delete", "list");
        string token = _server.CreateToken(["all"], TimeSpan.Zero, ns: "team-a");
        using var a = Create("team-a", token);
        using var b = Create("team-b", token);

        await a.SetSecretAsync("x", "in a", cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await b.GetSecretAsync("x", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
    }

    private HashiCorpVaultSecretStore Create(string ns, string token) =>
        VaultStoreFactory.Create(_server, o => { o.Namespace = ns; o.Auth.Token = token; });
}
