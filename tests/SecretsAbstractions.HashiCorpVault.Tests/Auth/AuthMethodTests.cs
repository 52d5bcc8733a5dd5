using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Auth;

/// <summary>Each login method against the test server, with custom mount paths and credential files; credentials
/// never reach logs, request targets or exception text.</summary>
public sealed class AuthMethodTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("vault-auth-");
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _server.AddPolicy("reader").Allow("secret/data/app/*", "read");
        using var root = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        await root.SetSecretAsync("app/db", "from-vault", cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _logs.Dispose();
        _files.Delete(recursive: true);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AppRoleWithValues()
    {
        string secretId = RedactionAssert.NewCanary();
        _server.AddAppRole("role-a", secretId, ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));

        await AssertReadsAsync(o => { o.Auth.Method = VaultAuthMethod.AppRole; o.Auth.RoleId = "role-a"; o.Auth.SecretId = secretId; }, "/v1/auth/approle/login", secretId);
    }

    [Fact]
    public async Task AppRoleFromFilesAtACustomMount()
    {
        string secretId = RedactionAssert.NewCanary();
        _server.AddAppRole("role-f", secretId, ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1), mount: "team/approle");

        await AssertReadsAsync(o =>
        {
            o.Auth.Method = VaultAuthMethod.AppRole;
            o.Auth.MountPath = "team/approle";
            o.Auth.RoleIdFile = WriteFile("role-id", "role-f\n");
            o.Auth.SecretIdFile = WriteFile("secret-id", secretId + "\n");
        }, "/v1/auth/team/approle/login", secretId);
    }

    [Fact]
    public async Task UserPass()
    {
        string password = RedactionAssert.NewCanary();
        _server.AddUserPass("mitchellh", password, ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));

        await AssertReadsAsync(o => { o.Auth.Method = VaultAuthMethod.UserPass; o.Auth.Username = "mitchellh"; o.Auth.Password = password; }, "/v1/auth/userpass/login/mitchellh", password);
    }

    [Fact]
    public async Task KubernetesWithTheServiceAccountTokenFile()
    {
        string jwt = "eyJ" + RedactionAssert.NewCanary();
        _server.AddKubernetesRole("dev-role", jwt, ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1), mount: "k8s");

        await AssertReadsAsync(o =>
        {
            o.Auth.Method = VaultAuthMethod.Kubernetes;
            o.Auth.MountPath = "k8s";
            o.Auth.Role = "dev-role";
            o.Auth.JwtFile = WriteFile("token", jwt);
        }, "/v1/auth/k8s/login", jwt);
    }

    [Fact]
    public async Task JwtRoleLogin()
    {
        string jwt = "eyJ" + RedactionAssert.NewCanary();
        _server.AddJwtRole("dev-role", jwt, ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));

        await AssertReadsAsync(o => { o.Auth.Method = VaultAuthMethod.Jwt; o.Auth.Role = "dev-role"; o.Auth.Jwt = jwt; }, "/v1/auth/jwt/login", jwt);
    }

    [Fact]
    public async Task WrongCredentialsAreUnauthenticatedAndNeverQuoted()
    {
        string wrong = RedactionAssert.NewCanary();
        _server.AddAppRole("role-w", "the-right-one", ["reader"], TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));
        using var store = VaultStoreFactory.Create(_server, o =>
        {
            o.KvVersion = VaultKvVersion.V2;
            o.Auth.Method = VaultAuthMethod.AppRole;
            o.Auth.RoleId = "role-w";
            o.Auth.SecretId = wrong;
        }, logs: _logs);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/db", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Contains("invalid role or secret ID", error.Message, StringComparison.Ordinal);
        RedactionAssert.NotInException(wrong, error, "a failed login");
        RedactionAssert.NotInLogs(wrong, _logs);
    }

    [Fact]
    public async Task MissingCredentialFileIsUnauthenticated()
    {
        using var store = VaultStoreFactory.Create(_server, o =>
        {
            o.KvVersion = VaultKvVersion.V2;
            o.Auth.Method = VaultAuthMethod.Kubernetes;
            o.Auth.Role = "dev-role";
            o.Auth.JwtFile = Path.Combine(_files.FullName, "absent");
        });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/db", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Equal(0, _server.LoginCount);
    }

    private async Task AssertReadsAsync(Action<HashiCorpVaultSecretStoreOptions> configure, string loginPath, string credential)
    {
        using var store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; configure(o); }, logs: _logs);

        var secret = await store.GetSecretAsync("app/db", cancellationToken: Ct);

        Assert.Equal("from-vault", secret!.Value.RevealString());
        var login = Assert.Single(_server.Requests, r => r.RawTarget.Contains("/login", StringComparison.Ordinal));
        Assert.Equal("POST", login.Method);
        Assert.Equal(loginPath, login.RawTarget);
        Assert.False(login.Headers.ContainsKey("X-Vault-Token"), "A login carries no token.");
        Assert.All(_server.Requests, r => Assert.DoesNotContain(credential, r.RawTarget, StringComparison.Ordinal));
        Assert.All(_server.Requests, r => Assert.DoesNotContain(credential, string.Join(",", r.Headers.Values), StringComparison.Ordinal));
        Assert.Contains(_logs.Records, r => r.EventId.Name == "LoggedIn");
        RedactionAssert.NotInLogs(credential, _logs);
    }

    private string WriteFile(string name, string content)
    {
        string path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
