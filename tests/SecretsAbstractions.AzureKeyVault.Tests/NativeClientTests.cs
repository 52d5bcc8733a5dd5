using Azure.Security.KeyVault.Secrets;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>What the store leaves to the native client (reached through <c>GetService</c>) works against the test
/// server too: updating properties, listing versions and deleted secrets; and bulk reads stay bounded.</summary>
public sealed class NativeClientTests : IAsyncLifetime
{
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Updating_properties_through_the_native_client_is_seen_by_the_store()
    {
        var store = _harness.CreateStore();
        await store.SetSecretAsync("app/flag", "value", cancellationToken: Ct);
        var client = Assert.IsType<SecretClient>(store.GetService(typeof(SecretClient)));
        var properties = (await client.GetSecretAsync("app--flag", cancellationToken: Ct)).Value.Properties;
        properties.ContentType = "text/plain";
        properties.Tags["owner"] = "ops";
        properties.Enabled = false;

        var updated = (await client.UpdateSecretPropertiesAsync(properties, Ct)).Value;

        Assert.Equal(("text/plain", false), (updated.ContentType, updated.Enabled));
        var listed = Assert.Single(await store.ListSecretsAsync("app/", Ct).ToListAsync(Ct));
        Assert.Equal(("text/plain", "ops", false), (listed.ContentType, listed.Tags["owner"], listed.Enabled));
        Assert.Contains(_harness.Server.Requests, r => r.Method == "PATCH" && r.Status == 200);
    }

    [Fact]
    public async Task Versions_and_deleted_secrets_are_listed_with_paging()
    {
        var store = _harness.CreateStore();
        var versions = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            versions.Add((await store.SetSecretAsync("rotated", $"v{i}", cancellationToken: Ct)).Version!);
        }

        await store.SetSecretAsync("removed", "value", cancellationToken: Ct);
        await store.DeleteSecretAsync("removed", Ct);

        var listedVersions = await store.Client.GetPropertiesOfSecretVersionsAsync("rotated", Ct).Select(p => p.Version).ToListAsync(Ct);
        var deleted = await store.Client.GetDeletedSecretsAsync(Ct).ToListAsync(Ct);

        Assert.Equal(versions.Order(StringComparer.Ordinal), listedVersions.Order(StringComparer.Ordinal));
        Assert.Equal("removed", Assert.Single(deleted).Name);
        Assert.Equal(2, _harness.Server.Requests.Count(r => r.Path == "/secrets/rotated/versions"));
    }

    [Fact]
    public async Task Bulk_reads_never_exceed_MaxConcurrency()
    {
        var store = _harness.CreateStore(o => o.MaxConcurrency = 3);
        await _harness.WarmUpAsync(store);

        var results = await store.GetSecretsAsync([.. Enumerable.Range(0, 40).Select(i => new SecretRequest($"missing{i}"))], Ct);

        Assert.Equal(40, results.Count);
        Assert.All(results, r => Assert.False(r.IsFound));
        Assert.Equal(40, _harness.Server.RequestCount);
        Assert.InRange(_harness.Server.MaxConcurrentRequests, 1, 3);
    }
}
