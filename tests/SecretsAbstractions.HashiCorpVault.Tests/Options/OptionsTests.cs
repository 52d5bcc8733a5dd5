using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecretsAbstractions.HashiCorpVault.Internal;
using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Options;

/// <summary>Option rules and the vault CLI's environment defaults.</summary>
public sealed class OptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://vault.example.com:8200", "plain http://")]
    [InlineData("ftp://127.0.0.1", "absolute http:// or https://")]
    [InlineData("https://user:pw@vault:8200", "user information")]
    [InlineData("https://vault:8200/?x=1", "query")]
    [InlineData("not a uri", "absolute")]
    public void AddressRules(string address, string expected)
    {
        var failures = Validate(o => o.Address = address);

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal) && f.StartsWith("Address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8200")]
    [InlineData("http://localhost:8200")]
    [InlineData("http://[::1]:8200")]
    [InlineData("https://vault.example.com")]
    public void LoopbackHttpAndAnyHttpsAreAccepted(string address) => Assert.Empty(Validate(o => o.Address = address));

    [Fact]
    public void InsecureHttpToAnotherHostNeedsExplicitConsentAndWarns()
    {
        Assert.Empty(Validate(o => { o.Address = "http://vault.internal:8200"; o.AllowInsecureHttp = true; }));

        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var store = new HashiCorpVaultSecretStore(Options(o => { o.Address = "http://vault.internal:8200"; o.AllowInsecureHttp = true; }), loggerFactory: factory);
        Assert.Contains(logs.Records, r => r.EventId.Name == "InsecureHttp");
    }

    [Theory]
    [InlineData("", "Mount")]
    [InlineData("a/../b", "Mount")]
    [InlineData("a?b", "Mount")]
    [InlineData("se cret", "Mount")]
    public void MountRules(string mount, string expected) =>
        Assert.Contains(Validate(o => o.Mount = mount), f => f.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void OtherRulesNameTheOptionAndNeverItsValue()
    {
        const string Secret = "s3cr3t value";
        var failures = Validate(o =>
        {
            o.Auth.Token = Secret;
            o.RequestTimeout = TimeSpan.Zero;
            o.MaxConcurrency = 0;
            o.CaCertificateFile = "/a";
            o.CaCertificatePem = "b";
            o.ClientCertificateFile = "/c";
            o.Namespace = "../x";
        });

        Assert.True(failures.Count == 6, string.Join(" | ", failures));
        Assert.All(failures, f => Assert.DoesNotContain(Secret, f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(VaultAuthMethod.AppRole, "RoleId or RoleIdFile")]
    [InlineData(VaultAuthMethod.Kubernetes, "Role must be set")]
    [InlineData(VaultAuthMethod.UserPass, "Username")]
    [InlineData(VaultAuthMethod.Jwt, "Jwt or JwtFile")]
    [InlineData(VaultAuthMethod.Token, "Token must be set")]
    public void EachAuthMethodNeedsItsCredentials(VaultAuthMethod method, string expected)
    {
        var failures = Validate(o => { o.Auth = new HashiCorpVaultAuthOptions { Method = method }; });

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ExclusiveCredentialSourcesAreRefused()
    {
        var failures = Validate(o => o.Auth = new HashiCorpVaultAuthOptions { Method = VaultAuthMethod.UserPass, Username = "u", Password = "p", PasswordFile = "/f" });

        Assert.Contains(failures, f => f.Contains("exclusive", StringComparison.Ordinal));
    }

    [Fact]
    public void ConstructorThrowsOptionsValidationException() =>
        Assert.Throws<OptionsValidationException>(() => new HashiCorpVaultSecretStore(Options(o => o.Address = null)));

    [Theory]
    [InlineData("/nonexistent/ca.pem", null)]
    [InlineData(null, "not a certificate")]
    public void UnloadableCertificatesFailAtConstruction(string? caFile, string? caPem)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new HashiCorpVaultSecretStore(Options(o => { o.CaCertificateFile = caFile; o.CaCertificatePem = caPem; })));

        Assert.Contains("could not be loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentDefaultsFollowTheVaultCli()
    {
        var server = await VaultTestServer.StartAsync();
        await using var _ = server;
        server.AddNamespace("ns1");
        server.MountKvV2("secret", "ns1");
        var environment = new VaultEnvironment(
            name => name switch
            {
                "VAULT_ADDR" => server.Address.ToString(),
                "VAULT_TOKEN" => VaultTestServer.RootToken,
                "VAULT_NAMESPACE" => "ns1/",
                _ => null,
            },
            homeDirectory: null);
        using var store = new HashiCorpVaultSecretStore(new HashiCorpVaultSecretStoreOptions(), environment, null, TimeProvider.System, null);

        await store.SetSecretAsync("a", "b", cancellationToken: Ct);

        Assert.All(server.Requests, r => Assert.Equal("ns1", r.Headers["X-Vault-Namespace"]));
        Assert.All(server.Requests, r => Assert.Equal(VaultTestServer.RootToken, r.Headers["X-Vault-Token"]));
    }

    [Fact]
    public void TokenFileInTheHomeDirectoryIsTheLastDefault()
    {
        var home = Directory.CreateTempSubdirectory("vault-home-");
        try
        {
            File.WriteAllText(Path.Combine(home.FullName, ".vault-token"), "hvs.from-file\n");
            var environment = new VaultEnvironment(name => name == "VAULT_ADDR" ? "https://vault:8200" : null, home.FullName);
            var fromEnvironment = new VaultEnvironment(name => name switch { "VAULT_ADDR" => "https://vault:8200", "VAULT_TOKEN" => "hvs.from-env", _ => null }, home.FullName);

            Assert.Equal("hvs.from-file", environment.Resolve(new HashiCorpVaultSecretStoreOptions()).Auth.Token);
            Assert.Equal("hvs.from-env", fromEnvironment.Resolve(new HashiCorpVaultSecretStoreOptions()).Auth.Token);
            Assert.Equal("hvs.given", fromEnvironment.Resolve(new HashiCorpVaultSecretStoreOptions { Auth = { Token = "hvs.given" } }).Auth.Token);
            Assert.Null(environment.Resolve(new HashiCorpVaultSecretStoreOptions { UseEnvironmentDefaults = false }).Auth.Token);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void SkipVerifyFollowsTheEnvironment(string value, bool expected)
    {
        var environment = new VaultEnvironment(name => name == "VAULT_SKIP_VERIFY" ? value : null, null);

        Assert.Equal(expected, environment.Resolve(new HashiCorpVaultSecretStoreOptions()).SkipTlsVerify);
    }

    [Fact]
    public void CaCertAndClientCertificateFollowTheEnvironment()
    {
        var environment = new VaultEnvironment(name => name switch { "VAULT_CACERT" => "/ca.pem", "VAULT_CLIENT_CERT" => "/c.pem", "VAULT_CLIENT_KEY" => "/k.pem", _ => null }, null);

        var resolved = environment.Resolve(new HashiCorpVaultSecretStoreOptions());

        Assert.Equal("/ca.pem", resolved.CaCertificateFile);
        Assert.Equal("/c.pem", resolved.ClientCertificateFile);
        Assert.Equal("/k.pem", resolved.ClientKeyFile);
    }

    private static HashiCorpVaultSecretStoreOptions Options(Action<HashiCorpVaultSecretStoreOptions> configure)
    {
        var options = new HashiCorpVaultSecretStoreOptions { Address = "https://vault.example.com:8200", UseEnvironmentDefaults = false, Auth = { Token = "hvs.x" } };
        configure(options);
        return options;
    }

    private static List<string> Validate(Action<HashiCorpVaultSecretStoreOptions> configure)
    {
        var result = new HashiCorpVaultSecretStoreOptionsValidator(VaultEnvironment.Empty).Validate(null, Options(configure));
        return result.Failed ? [.. result.Failures!] : [];
    }
}
