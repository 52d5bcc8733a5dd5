using Azure;
using Azure.Security.KeyVault.Secrets;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using KeyVaultSecretProperties = Azure.Security.KeyVault.Secrets.SecretProperties;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>Unit tests of the mapping between the SDK's models and the portable ones, on an NSubstitute
/// <see cref="SecretClient"/> and <see cref="SecretModelFactory"/>.</summary>
public sealed class MockedClientTests
{
    private static readonly Uri Vault = new("https://myvault.vault.azure.net/");
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly SecretClient _client = Substitute.For<SecretClient>();
    private readonly AzureKeyVaultSecretStore _store;

    public MockedClientTests()
    {
        _client.VaultUri.Returns(Vault);
        _store = new AzureKeyVaultSecretStore(new AzureKeyVaultSecretStoreOptions { Client = _client, StoreName = "unit" });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_secret_maps_every_property()
    {
        var properties = Properties("app--db", "0123456789abcdef0123456789abcdef");
        properties.ContentType = "application/json";
        properties.Enabled = true;
        properties.ExpiresOn = Created.AddDays(90);
        properties.NotBefore = Created.AddDays(-1);
        properties.Tags["owner"] = "team-a";
        _client.GetSecretAsync("app--db", null, Arg.Any<CancellationToken>())
            .Returns(Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, """{"user":"u"}"""), Substitute.For<Response>()));

        var secret = await _store.GetRequiredSecretAsync("app/db", cancellationToken: Ct);

        Assert.Equal("app/db", secret.Name);
        Assert.Equal("0123456789abcdef0123456789abcdef", secret.Version);
        Assert.Equal("application/json", secret.Properties.ContentType);
        Assert.Equal(Created, secret.Properties.CreatedOn);
        Assert.Equal(Created.AddHours(1), secret.Properties.UpdatedOn);
        Assert.Equal(Created.AddDays(90), secret.Properties.ExpiresOn);
        Assert.Equal(Created.AddDays(-1), secret.Properties.NotBefore);
        Assert.Equal("team-a", secret.Properties.Tags["owner"]);
        Assert.Equal("u", secret.Value.GetField("user")!.RevealString());
    }

    [Fact]
    public async Task A_version_id_is_passed_to_the_client()
    {
        const string version = "fedcba9876543210fedcba9876543210";
        _client.GetSecretAsync("s", version, Arg.Any<CancellationToken>())
            .Returns(Response.FromValue(SecretModelFactory.KeyVaultSecret(Properties("s", version), "v"), Substitute.For<Response>()));

        var secret = await _store.GetRequiredSecretAsync("s", SecretVersion.FromId(version), Ct);

        Assert.Equal(version, secret.Version);
    }

    [Fact]
    public async Task A_listing_maps_names_filters_the_prefix_and_flags_disabled_secrets()
    {
        var disabled = Properties("app--off", version: null);
        disabled.Enabled = false;
        var pages = AsyncPageable<KeyVaultSecretProperties>.FromPages(
        [
            Page<KeyVaultSecretProperties>.FromValues([Properties("App--On", null), Properties("other", null)], "next", Substitute.For<Response>()),
            Page<KeyVaultSecretProperties>.FromValues([disabled, Properties("app---odd", null)], null, Substitute.For<Response>()),
        ]);
        _client.GetPropertiesOfSecretsAsync(Arg.Any<CancellationToken>()).Returns(pages);

        var listed = await _store.ListSecretsAsync("app/", Ct).ToListAsync(Ct);

        Assert.Equal([("app/on", true), ("app/off", false)], listed.Select(p => (p.Name, p.Enabled)));
        Assert.All(listed, p => Assert.Null(p.Version));
    }

    [Fact]
    public async Task Set_passes_every_write_option_to_the_client()
    {
        KeyVaultSecret? sent = null;
        _client.SetSecretAsync(Arg.Do<KeyVaultSecret>(s => sent = s), Arg.Any<CancellationToken>())
            .Returns(call => Response.FromValue(SecretModelFactory.KeyVaultSecret(Properties("a--b", "0123456789abcdef0123456789abcdef"), "value"), Substitute.For<Response>()));
        var options = new SecretWriteOptions
        {
            ContentType = "text/plain",
            Tags = new Dictionary<string, string> { ["k"] = "v" },
            ExpiresOn = Created.AddDays(1),
            NotBefore = Created,
            Enabled = false,
        };

        var written = await _store.SetSecretAsync("a/b", "value", options, Ct);

        Assert.NotNull(sent);
        Assert.Equal(("a--b", "value", "text/plain", false), (sent.Name, sent.Value, sent.Properties.ContentType, sent.Properties.Enabled));
        Assert.Equal((Created.AddDays(1), Created), (sent.Properties.ExpiresOn, sent.Properties.NotBefore));
        Assert.Equal("v", sent.Properties.Tags["k"]);
        Assert.Equal(("a/b", "0123456789abcdef0123456789abcdef"), (written.Name, written.Version));
    }

    [Fact]
    public async Task Not_found_is_null_and_a_missing_delete_is_false()
    {
        _client.GetSecretAsync("gone", null, Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(404, "Not found", "SecretNotFound", null));
        _client.StartDeleteSecretAsync("gone", Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(404, "Not found", "SecretNotFound", null));

        Assert.Null(await _store.GetSecretAsync("gone", cancellationToken: Ct));
        Assert.False(await _store.DeleteSecretAsync("gone", Ct));
    }

    [Theory]
    [InlineData(0, SecretStoreErrorCode.Unavailable)]
    [InlineData(401, SecretStoreErrorCode.Unauthenticated)]
    [InlineData(403, SecretStoreErrorCode.AccessDenied)]
    [InlineData(408, SecretStoreErrorCode.Timeout)]
    [InlineData(409, SecretStoreErrorCode.Conflict)]
    [InlineData(429, SecretStoreErrorCode.Throttled)]
    [InlineData(502, SecretStoreErrorCode.Unavailable)]
    [InlineData(418, SecretStoreErrorCode.Unknown)]
    public async Task Statuses_map_through_the_error_table(int status, SecretStoreErrorCode expected)
    {
        _client.GetSecretAsync("s", null, Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(status, "failure", "Code", null));

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("s", cancellationToken: Ct));

        Assert.Equal(expected, error.ErrorCode);
        Assert.Equal(("unit", SecretStoreOperations.GetSecret, "s"), (error.StoreName, error.Operation, error.SecretName));
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task A_network_timeout_is_Timeout_but_the_callers_cancellation_propagates()
    {
        _client.GetSecretAsync("s", null, Arg.Any<CancellationToken>()).ThrowsAsync(new TaskCanceledException("network timeout"));
        using var cancelled = new CancellationTokenSource();

        var timeout = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.GetSecretAsync("s", cancellationToken: Ct));
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _store.GetSecretAsync("s", cancellationToken: cancelled.Token));

        Assert.Equal(SecretStoreErrorCode.Timeout, timeout.ErrorCode);
    }

    [Fact]
    public void A_client_of_your_own_is_used_as_it_is_and_offered_as_the_native_client()
    {
        Assert.Same(_client, _store.GetService(typeof(SecretClient)));
        Assert.Same(_client, _store.Client);
        Assert.Equal(Vault.AbsoluteUri, _store.GetMetadata().Location);
        Assert.Null(_store.GetService(typeof(SecretClient), serviceKey: "other"));
    }

    private static KeyVaultSecretProperties Properties(string name, string? version) =>
        SecretModelFactory.SecretProperties(
            id: new Uri(Vault, version is null ? $"secrets/{name}" : $"secrets/{name}/{version}"),
            vaultUri: Vault,
            name: name,
            version: version,
            createdOn: Created,
            updatedOn: Created.AddHours(1));
}
