using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.DependencyInjection;

public sealed class HashiCorpVaultServiceCollectionExtensionsTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        using var root = VaultStoreFactory.Create(_server, o => o.Auth.Token = VaultTestServer.RootToken);
        await root.SetSecretAsync("app/db", "from di", cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OptionsCallbackRegistersTheDefaultStore()
    {
        var services = new ServiceCollection();
        services.AddHashiCorpVaultSecretStore(o => { o.Address = _server.Address.ToString(); o.Auth.Token = VaultTestServer.RootToken; o.UseEnvironmentDefaults = false; });
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ISecretStore>();

        Assert.Equal("from di", (await store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("HashiCorpVault", store.GetMetadata().ProviderName);
    }

    [Fact]
    public async Task ConfigurationSectionRegistersAKeyedStoreNamedByItsKey()
    {
        var configuration = Configuration(new()
        {
            ["Vault:Address"] = _server.Address.ToString(),
            ["Vault:Mount"] = "secret",
            ["Vault:KvVersion"] = "V2",
            ["Vault:UseEnvironmentDefaults"] = "false",
            ["Vault:RequestTimeout"] = "00:00:10",
            ["Vault:Auth:Method"] = "Token",
            ["Vault:Auth:Token"] = VaultTestServer.RootToken,
        });
        var services = new ServiceCollection();
        services.AddKeyedHashiCorpVaultSecretStore("vault", configuration.GetSection("Vault"));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<ISecretStore>("vault");

        Assert.Equal("from di", (await store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("vault", store.GetMetadata().StoreName);
    }

    [Fact]
    public void UnknownKeyInTheSectionIsAnError()
    {
        var configuration = Configuration(new() { ["Vault:Adress"] = "https://vault:8200", ["Vault:UseEnvironmentDefaults"] = "false" });
        var services = new ServiceCollection();
        services.AddHashiCorpVaultSecretStore(configuration.GetSection("Vault"));
        using var provider = services.BuildServiceProvider();

        Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<ISecretStore>());
    }

    [Fact]
    public void InvalidOptionsFailAtStartWithoutTheToken()
    {
        const string Token = "hvs.do-not-print-me";
        var services = new ServiceCollection();
        services.AddHashiCorpVaultSecretStore(o => { o.Address = "http://vault.example.com:8200"; o.Auth.Token = Token; o.UseEnvironmentDefaults = false; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretStoresSectionCanDeclareAVaultStore()
    {
        var configuration = Configuration(new()
        {
            ["SecretStores:vault:Type"] = "HashiCorpVault",
            ["SecretStores:vault:Options:Address"] = _server.Address.ToString(),
            ["SecretStores:vault:Options:UseEnvironmentDefaults"] = "false",
            ["SecretStores:vault:Options:Auth:Token"] = VaultTestServer.RootToken,
        });
        var services = new ServiceCollection().AddHashiCorpVaultSecretStoreType();
        services.AddSecretStores(configuration);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<ISecretStore>("vault");

        Assert.Equal("from di", (await store.GetSecretAsync("app/db", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal("vault", store.GetMetadata().StoreName);
    }

    [Fact]
    public void SecretStoresSectionReportsInvalidVaultOptionsAtTheirPath()
    {
        var configuration = Configuration(new()
        {
            ["SecretStores:vault:Type"] = "HashiCorpVault",
            ["SecretStores:vault:Options:Address"] = "ftp://vault",
            ["SecretStores:vault:Options:UseEnvironmentDefaults"] = "false",
            ["SecretStores:vault:Options:Auth:Token"] = "t",
        });
        var services = new ServiceCollection().AddHashiCorpVaultSecretStoreType();
        services.AddSecretStores(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SecretStores:vault:Options:Address", error.Message, StringComparison.Ordinal);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
