using System.Net;
using System.Net.Http.Headers;
using SecretsAbstractions.AzureKeyVault.Tests.Server;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>The real SecretClient's exchanges with the test server match what the official client sends to
/// Key Vault (shared/fixtures/azure-keyvault/official-client-wire-capture.json), and the server is as strict as
/// Key Vault where the client cannot show it.</summary>
public sealed class WireProtocolTests : IAsyncLifetime
{
    private const string ApiVersion = "api-version=2026-04-01";
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task First_request_is_challenged_then_resent_with_token_and_body()
    {
        var store = _harness.CreateStore();

        await store.SetSecretAsync("crpsecret", "mysecretvalue", cancellationToken: Ct);

        var requests = _harness.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("PUT", "/secrets/crpsecret?" + ApiVersion, false, 401), (requests[0].Method, requests[0].Target, requests[0].HadBearerToken, requests[0].Status));
        Assert.True(requests[0].BodyLength is null or 0, "The challenged first request carries no body.");
        Assert.Equal(("PUT", "/secrets/crpsecret?" + ApiVersion, true, 200), (requests[1].Method, requests[1].Target, requests[1].HadBearerToken, requests[1].Status));
        Assert.True(requests[1].BodyLength > 0, "The authenticated request carries the body.");
        Assert.StartsWith("application/json", requests[1].Headers["Content-Type"], StringComparison.Ordinal);
        var token = Assert.Single(_harness.Credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], token.Scopes);
        Assert.Equal(KeyVaultTestServer.TenantId, token.TenantId);
    }

    [Fact]
    public async Task The_challenge_is_the_documented_one_with_Key_Vaults_body()
    {
        using var client = CreateRawClient(token: null);

        using var response = await client.GetAsync(new Uri(_harness.Server.VaultUri, "secrets/mysecretname?" + ApiVersion), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(KeyVaultTestServer.Challenge, response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("""{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Reads_use_the_paths_and_headers_of_the_official_client()
    {
        var store = _harness.CreateStore();
        var written = await store.SetSecretAsync("mysecretname", "mysecretvalue", cancellationToken: Ct);
        _harness.Server.ClearRequests();

        await store.GetSecretAsync("mysecretname", cancellationToken: Ct);
        await store.GetSecretAsync("mysecretname", SecretVersion.FromId(written.Version!), Ct);

        var requests = _harness.Server.Requests;
        Assert.Equal(["/secrets/mysecretname?" + ApiVersion, $"/secrets/mysecretname/{written.Version}?{ApiVersion}"], requests.Select(r => r.Target));
        Assert.All(requests, request =>
        {
            Assert.Equal("GET", request.Method);
            Assert.True(request.HadBearerToken);
            Assert.Equal("application/json", request.Headers["Accept"]);
            Assert.Equal("true", request.Headers["x-ms-return-client-request-id"]);
            Assert.StartsWith("azsdk-net-Security.KeyVault.Secrets/4.12.0", request.Headers["User-Agent"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Delete_with_purge_polls_the_deleted_secret_then_purges_with_204()
    {
        var store = _harness.CreateStore(o => o.PurgeOnDelete = true);
        await store.SetSecretAsync("gone", "value", cancellationToken: Ct);
        _harness.Server.ClearRequests();

        Assert.True(await store.DeleteSecretAsync("gone", Ct));

        var requests = _harness.Server.Requests;
        Assert.Equal(
            [("DELETE", "/secrets/gone", 200), ("GET", "/deletedsecrets/gone", 200), ("DELETE", "/deletedsecrets/gone", 204)],
            requests.Select(r => (r.Method, r.Path, r.Status)));
        Assert.False(requests[2].Headers.ContainsKey("Accept"), "The official client sends no Accept header on purge.");
    }

    [Fact]
    public async Task Recover_posts_to_the_deleted_secret_then_polls_the_secret()
    {
        var store = _harness.CreateStore();
        await store.SetSecretAsync("back", "value", cancellationToken: Ct);
        await store.DeleteSecretAsync("back", Ct);
        _harness.Server.ClearRequests();

        await store.RecoverDeletedSecretAsync("back", Ct);

        Assert.Equal(
            [("POST", "/deletedsecrets/back/recover", 200), ("GET", "/secrets/back", 200)],
            _harness.Server.Requests.Select(r => (r.Method, r.Path, r.Status)));
    }

    [Fact]
    public async Task Listing_follows_nextLink_pages_of_25()
    {
        for (int i = 0; i < 60; i++)
        {
            _harness.Server.Seed($"item{i:D2}", "value");
        }

        var store = _harness.CreateStore();
        await _harness.WarmUpAsync(store);

        var listed = await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(60, listed.Count);
        var requests = _harness.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal("/secrets?" + ApiVersion, requests[0].Target);
        Assert.All(requests.Skip(1), r => Assert.Matches(@"^/secrets\?api-version=2026-04-01&\$skiptoken=[^&]+&maxresults=25$", r.Target));
    }

    [Theory]
    [InlineData("secrets/bad_name", "BadParameter")]
    [InlineData("secrets/" + "a", "SecretNotFound")]
    [InlineData("secrets?maxresults=26", "BadParameter")]
    [InlineData("secrets?maxresults=0", "BadParameter")]
    public async Task The_server_is_strict_where_Key_Vault_is(string target, string expectedCode)
    {
        using var client = CreateRawClient(_harness.Server.AcceptedToken);
        string separator = target.Contains('?', StringComparison.Ordinal) ? "&" : "?";

        using var response = await client.GetAsync(new Uri(_harness.Server.VaultUri, target + separator + ApiVersion), Ct);

        Assert.Contains($"\"code\":\"{expectedCode}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_api_version_is_refused()
    {
        using var client = CreateRawClient(_harness.Server.AcceptedToken);

        using var response = await client.GetAsync(new Uri(_harness.Server.VaultUri, "secrets/a"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"BadParameter\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_401()
    {
        using var client = CreateRawClient("not-the-token");

        using var response = await client.GetAsync(new Uri(_harness.Server.VaultUri, "secrets/a?" + ApiVersion), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A plain HTTPS client trusting the server; sends <paramref name="token"/> as bearer token unless null.</summary>
    private HttpClient CreateRawClient(string? token)
    {
        var client = new HttpClient(_harness.Server.CreateTrustingHandler());
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
