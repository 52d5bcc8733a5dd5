using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace SecretsAbstractions.AzureKeyVault.Tests;

public sealed class OptionsValidationTests
{
    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "no-uri", "VaultUri must be set" },
        { "http", "absolute https URI" },
        { "relative", "absolute https URI" },
        { "client-and-uri", "Client is set" },
        { "content-logging", "IsLoggingContentEnabled must be false" },
        { "concurrency", "MaxConcurrency" },
        { "polling", "OperationPollingInterval" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_with_the_option_named(string caseName, string expected)
    {
        var options = caseName switch
        {
            "no-uri" => new AzureKeyVaultSecretStoreOptions(),
            "http" => new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("http://myvault.vault.azure.net/") },
            "relative" => new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("myvault", UriKind.Relative) },
            "client-and-uri" => new AzureKeyVaultSecretStoreOptions { Client = Substitute.For<SecretClient>(), VaultUri = new Uri("https://myvault.vault.azure.net/") },
            "content-logging" => new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("https://myvault.vault.azure.net/"), ClientOptions = new SecretClientOptions { Diagnostics = { IsLoggingContentEnabled = true } } },
            "concurrency" => new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("https://myvault.vault.azure.net/"), MaxConcurrency = 0 },
            "polling" => new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("https://myvault.vault.azure.net/"), OperationPollingInterval = TimeSpan.Zero },
            _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
        };

        var error = Assert.Throws<OptionsValidationException>(() => new AzureKeyVaultSecretStore(options));

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_vault_uri_alone_is_enough_and_uses_the_default_credential()
    {
        var store = new AzureKeyVaultSecretStore(new AzureKeyVaultSecretStoreOptions { VaultUri = new Uri("https://myvault.vault.azure.net/") });

        Assert.Equal(new Uri("https://myvault.vault.azure.net/"), store.Client.VaultUri);
        Assert.Equal("AzureKeyVault", store.GetMetadata().StoreName);
    }
}
