using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecretsAbstractions.AzureKeyVault.Tests;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_callback_registers_a_working_default_store()
    {
        var services = new ServiceCollection();
        services.AddAzureKeyVaultSecretStore(o =>
        {
            o.VaultUri = _harness.Server.VaultUri;
            o.Credential = _harness.Credential;
            o.ClientOptions = _harness.Server.CreateClientOptions();
        });
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ISecretStore>();
        await store.SetSecretAsync("di/secret", "value", cancellationToken: Ct);

        Assert.Equal("value", (await store.GetRequiredSecretAsync("di/secret", cancellationToken: Ct)).Value.RevealString());
        Assert.Equal("AzureKeyVault", store.GetMetadata().StoreName);
    }

    [Fact]
    public async Task A_section_registers_a_keyed_store_named_by_its_key_with_the_containers_credential()
    {
        var configuration = Configuration(new() { ["Vault:VaultUri"] = _harness.Server.VaultUri.AbsoluteUri, ["Vault:PurgeOnDelete"] = "true" });
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(_harness.Credential);
        services.AddKeyedAzureKeyVaultSecretStore("vault", configuration.GetSection("Vault"), o => o.ClientOptions = _harness.Server.CreateClientOptions());
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<ISecretStore>("vault");
        await store.SetSecretAsync("keyed", "value", cancellationToken: Ct);
        Assert.True(await store.DeleteSecretAsync("keyed", Ct));
        await store.SetSecretAsync("keyed", "again", cancellationToken: Ct);

        Assert.Equal("vault", store.GetMetadata().StoreName);
        Assert.Equal("again", (await store.GetRequiredSecretAsync("keyed", cancellationToken: Ct)).Value.RevealString());
    }

    [Fact]
    public async Task The_SecretStores_section_declares_AzureKeyVault_stores()
    {
        var configuration = Configuration(new()
        {
            ["SecretStores:kv:Type"] = "AzureKeyVault",
            ["SecretStores:kv:Options:VaultUri"] = _harness.Server.VaultUri.AbsoluteUri,
        });
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(_harness.Credential);
        services.AddSingleton(_harness.Server.CreateClientOptions());
        services.AddAzureKeyVaultSecretStoreType();
        services.AddSecretStores(configuration);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<ISecretStore>("kv");
        await store.SetSecretAsync("declared", "value", cancellationToken: Ct);

        Assert.Equal(("AzureKeyVault", "kv"), (store.GetMetadata().ProviderName, store.GetMetadata().StoreName));
        Assert.Equal("value", (await store.GetRequiredSecretAsync("declared", cancellationToken: Ct)).Value.RevealString());
    }

    [Fact]
    public async Task Invalid_options_fail_at_start_and_unknown_keys_are_errors()
    {
        var services = new ServiceCollection();
        services.AddKeyedAzureKeyVaultSecretStore("plain", Configuration(new() { ["V:VaultUri"] = "http://myvault.vault.azure.net/" }).GetSection("V"));
        await using var provider = services.BuildServiceProvider();
        var unknown = new ServiceCollection();
        unknown.AddKeyedAzureKeyVaultSecretStore("typo", Configuration(new() { ["V:VaultUrl"] = "https://myvault.vault.azure.net/" }).GetSection("V"));
        await using var unknownProvider = unknown.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("absolute https URI", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => unknownProvider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public async Task A_client_of_your_own_is_used()
    {
        var client = new SecretClient(_harness.Server.VaultUri, _harness.Credential, _harness.Server.CreateClientOptions());
        var services = new ServiceCollection();
        services.AddAzureKeyVaultSecretStore(o => o.Client = client);
        await using var provider = services.BuildServiceProvider();

        Assert.Same(client, provider.GetRequiredService<ISecretStore>().GetService(typeof(SecretClient)));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
