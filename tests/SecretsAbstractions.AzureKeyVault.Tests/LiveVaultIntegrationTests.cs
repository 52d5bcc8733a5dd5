extern alias AzureIdentity;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>Runs against a live vault when <c>AZURE_KEYVAULT_URL</c> and Azure credentials (<c>AZURE_TENANT_ID</c>
/// and <c>AZURE_CLIENT_ID</c>, with a secret, certificate or federated token as <c>EnvironmentCredential</c> and
/// workload identity read them) are set; skipped otherwise. Everything it creates is under a unique prefix and
/// deleted (and purged where the identity may) at the end.</summary>
public sealed class LiveVaultIntegrationTests : IAsyncLifetime
{
    private readonly string _prefix = "sa-it-" + Guid.NewGuid().ToString("N")[..12] + "/";
    private readonly List<string> _created = [];
    private AzureKeyVaultSecretStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        string? url = Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URL");
        bool hasCredentials = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_TENANT_ID"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"));
        if (Uri.TryCreate(url, UriKind.Absolute, out var vault) && hasCredentials)
        {
            _store = new AzureKeyVaultSecretStore(new AzureKeyVaultSecretStoreOptions
            {
                VaultUri = vault,
                Credential = new AzureIdentity::Azure.Identity.DefaultAzureCredential(),
            });
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is null)
        {
            return;
        }

        foreach (string name in _created)
        {
            await _store.DeleteSecretAsync(name, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Set_get_versions_list_and_delete_against_a_live_vault()
    {
        var store = RequireStore();
        string name = _prefix + "db/password";
        _created.Add(name);

        var first = await store.SetSecretAsync(name, "first", new SecretWriteOptions { ContentType = "text/plain", Tags = new Dictionary<string, string> { ["test"] = "sa" } }, Ct);
        var second = await store.SetSecretAsync(name, "second", cancellationToken: Ct);

        Assert.Equal("second", (await store.GetRequiredSecretAsync(name, cancellationToken: Ct)).Value.RevealString());
        Assert.Equal("first", (await store.GetRequiredSecretAsync(name, SecretVersion.FromId(first.Version!), Ct)).Value.RevealString());
        Assert.NotEqual(first.Version, second.Version);
        Assert.Null(await store.GetSecretAsync(_prefix + "missing", cancellationToken: Ct));
        Assert.Equal([name], (await store.ListSecretsAsync(_prefix, Ct).ToListAsync(Ct)).Select(p => p.Name));
    }

    [Fact]
    public async Task A_disabled_secret_is_Disabled_on_a_live_vault()
    {
        var store = RequireStore();
        string name = _prefix + "off";
        _created.Add(name);

        await store.SetSecretAsync(name, "value", new SecretWriteOptions { Enabled = false }, Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(name, cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Disabled, error.ErrorCode);
    }

    private AzureKeyVaultSecretStore RequireStore()
    {
        Assert.SkipWhen(_store is null, "Set AZURE_KEYVAULT_URL, AZURE_TENANT_ID and AZURE_CLIENT_ID (with a secret, certificate or federated token) to run against a live vault.");
        return _store!;
    }
}
