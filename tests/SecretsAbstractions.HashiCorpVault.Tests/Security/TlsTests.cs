using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Security;

/// <summary>TLS against an in-process HTTPS server whose certificate is signed by a CA generated in the test.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TestCertificates _tls = TestCertificates.Create();
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("vault-tls-");
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultTestServer.StartAsync(certificate: _tls.ServerCertificate);
        _server.MountKvV2("secret");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _tls.Dispose();
        _files.Delete(recursive: true);
    }

    [Fact]
    public async Task CustomCaAsPemIsTrusted()
    {
        using var store = Create(o => o.CaCertificatePem = _tls.CaPem);

        await store.SetSecretAsync("a", "over tls", cancellationToken: Ct);

        Assert.Equal("over tls", (await store.GetSecretAsync("a", cancellationToken: Ct))!.Value.RevealString());
        Assert.StartsWith("https://", _server.Address.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomCaFileIsTrusted()
    {
        string file = Path.Combine(_files.FullName, "ca.pem");
        await File.WriteAllTextAsync(file, _tls.CaPem, Ct);
        using var store = Create(o => o.CaCertificateFile = file);

        Assert.Null(await store.GetSecretAsync("missing", cancellationToken: Ct));
    }

    [Fact]
    public async Task UnknownCaIsRefused()
    {
        using var other = TestCertificates.Create("Another CA");
        using var withOtherCa = Create(o => o.CaCertificatePem = other.CaPem);
        using var withSystemTrust = Create(_ => { });

        var refused = await Assert.ThrowsAsync<SecretStoreException>(async () => await withOtherCa.GetSecretAsync("a", cancellationToken: Ct));
        var untrusted = await Assert.ThrowsAsync<SecretStoreException>(async () => await withSystemTrust.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unavailable, refused.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.Unavailable, untrusted.ErrorCode);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task SkipVerifyWorksAndWarnsLoudly()
    {
        using var logs = new CapturingLoggerProvider();
        using var store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; o.SkipTlsVerify = true; }, logs: logs);

        Assert.Null(await store.GetSecretAsync("missing", cancellationToken: Ct));
        var warning = Assert.Single(logs.Records, r => r.EventId.Name == "TlsVerificationDisabled");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task ClientCertificateFromPemFilesIsPresented()
    {
        var (clientCertificate, certificateFile, keyFile) = _tls.CreateClientCertificate(_files.FullName);
        using var _ = clientCertificate;
        var mutual = await VaultTestServer.StartAsync(certificate: _tls.ServerCertificate, requiredClientCertificate: clientCertificate);
        await using var __ = mutual;
        mutual.MountKvV2("secret");
        using var withCertificate = VaultStoreFactory.Create(mutual, o =>
        {
            o.KvVersion = VaultKvVersion.V2;
            o.Auth.Token = VaultTestServer.RootToken;
            o.CaCertificatePem = _tls.CaPem;
            o.ClientCertificateFile = certificateFile;
            o.ClientKeyFile = keyFile;
        });
        using var without = VaultStoreFactory.Create(mutual, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; o.CaCertificatePem = _tls.CaPem; });

        Assert.Null(await withCertificate.GetSecretAsync("missing", cancellationToken: Ct));
        var refused = await Assert.ThrowsAsync<SecretStoreException>(async () => await without.GetSecretAsync("missing", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Unavailable, refused.ErrorCode);
    }

    private HashiCorpVaultSecretStore Create(Action<HashiCorpVaultSecretStoreOptions> configure) =>
        VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; configure(o); });
}
