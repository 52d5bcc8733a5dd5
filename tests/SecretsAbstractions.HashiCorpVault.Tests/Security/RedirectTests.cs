using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Security;

/// <summary>At most one redirect, never from https to http, and the token never follows a redirect to another host.</summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private VaultTestServer _other = null!;
    private HashiCorpVaultSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _other = await VaultStoreFactory.StartServerAsync();
        _store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        await _store.SetSecretAsync("a", "here", cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task OneRedirectOnTheSameHostIsFollowedWithTheToken()
    {
        _server.RedirectNext(new Uri(_server.Address, "/v1/secret/data/a").ToString());

        var secret = await _store.GetSecretAsync("a", cancellationToken: Ct);

        Assert.Equal("here", secret!.Value.RevealString());
        Assert.Equal(VaultTestServer.RootToken, _server.Requests[^1].Headers["X-Vault-Token"]);
    }

    [Fact]
    public async Task RedirectToAnotherHostDropsTheToken()
    {
        _server.RedirectNext(new Uri(_other.Address, "/v1/secret/data/a").ToString());

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        var forwarded = Assert.Single(_other.Requests);
        Assert.False(forwarded.Headers.ContainsKey("X-Vault-Token"), "The token must not follow a redirect to another host.");
        Assert.Equal("true", forwarded.Headers["X-Vault-Request"]);
    }

    [Fact]
    public async Task ASecondRedirectInARowIsRefused()
    {
        _server.Standby = true;
        _server.ActiveNode = _server.Address;

        // A same-origin redirect is followed once; a standby that redirects to itself again is refused.
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
        _server.Standby = false;
    }

    [Fact]
    public async Task RedirectFromHttpsToHttpIsRefused()
    {
        using var tls = TestCertificates.Create();
        var secure = await VaultTestServer.StartAsync(certificate: tls.ServerCertificate);
        await using var _ = secure;
        secure.MountKvV2("secret");
        using var store = VaultStoreFactory.Create(secure, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; o.CaCertificatePem = tls.CaPem; });
        await store.InitializeAsync(Ct);
        secure.RedirectNext(new Uri(_other.Address, "/v1/secret/data/a").ToString());

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Contains("https to plain http", error.Message, StringComparison.Ordinal);
        Assert.Empty(_other.Requests);
    }
}
