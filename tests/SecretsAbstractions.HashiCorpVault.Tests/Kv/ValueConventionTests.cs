using System.Net.Http.Json;
using System.Text.Json;
using SecretsAbstractions.HashiCorpVault.Internal;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>The documented value convention: what lands in Vault's data map, and how native secrets read.</summary>
public sealed class ValueConventionTests : IAsyncLifetime
{
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync();
        _store = VaultStoreFactory.Create(_server, o => { o.Auth.Token = VaultTestServer.RootToken; });
        _http = new HttpClient { BaseAddress = new Uri(_server.Address, "/v1/") };
        _http.DefaultRequestHeaders.Add("X-Vault-Token", VaultTestServer.RootToken);
        _http.DefaultRequestHeaders.Add("X-Vault-Request", "true");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("plain text", """{"value":"plain text"}""")]
    [InlineData("""{"user":"u","a":1}""", """{"value":"{\"user\":\"u\",\"a\":1}"}""")]
    [InlineData("""{"a":1,"user":"u"}""", """{"a":1,"user":"u"}""")]
    [InlineData("""{"value":"x"}""", """{"value":"{\"value\":\"x\"}"}""")]
    [InlineData("""{"value":"x","other":"y"}""", """{"value":"{\"value\":\"x\",\"other\":\"y\"}"}""")]
    [InlineData("""{"other":"y","value":"x"}""", """{"other":"y","value":"x"}""")]
    [InlineData("{}", "{}")]
    [InlineData("[1,2]", """{"value":"[1,2]"}""")]
    public async Task TextIsStoredAsDocumentedAndRoundTrips(string text, string expectedDataMap)
    {
        await _store.SetSecretAsync("c/x", text, cancellationToken: Ct);

        using var stored = await ReadDataMapAsync("c/x");
        Assert.Equal(expectedDataMap, VaultValueCodec.ToCanonicalText(stored.RootElement));
        Assert.Equal(text, (await _store.GetSecretAsync("c/x", cancellationToken: Ct))!.Value.RevealString());
    }

    [Fact]
    public async Task ANativeSecretReadsAsItsFields()
    {
        using var response = await _http.PostAsJsonAsync("secret/data/native", new { data = new { zip = "zap", foo = "bar", port = 5432 } }, Ct);
        response.EnsureSuccessStatusCode();

        var secret = await _store.GetSecretAsync("native", cancellationToken: Ct);

        Assert.Equal("""{"foo":"bar","port":5432,"zip":"zap"}""", secret!.Value.RevealString());
        Assert.Equal("bar", secret.Value.GetField("foo")!.RevealString());
        Assert.Equal("5432", secret.Value.GetField("port")!.RevealString());
        Assert.Equal("1", secret.Version);
        Assert.NotNull(secret.Properties.CreatedOn);
    }

    [Fact]
    public async Task CustomMetadataReadsAsTags()
    {
        await _store.SetSecretAsync("tagged", "v", cancellationToken: Ct);
        using var response = await _http.PostAsJsonAsync("secret/metadata/tagged", new { custom_metadata = new { owner = "jdoe" } }, Ct);
        response.EnsureSuccessStatusCode();

        var secret = await _store.GetSecretAsync("tagged", cancellationToken: Ct);

        Assert.Equal("jdoe", secret!.Properties.Tags["owner"]);
    }

    [Fact]
    public async Task TagsOfAWriteBecomeCustomMetadataOnKvV2()
    {
        var tags = new Dictionary<string, string> { ["owner"] = "team-a" };

        var written = await _store.SetSecretAsync("with-tags", "v", new SecretWriteOptions { Tags = tags }, Ct);

        Assert.Equal("team-a", written.Tags["owner"]);
        Assert.Equal("team-a", (await _store.GetSecretAsync("with-tags", cancellationToken: Ct))!.Properties.Tags["owner"]);
    }

    [Fact]
    public async Task BinaryValuesAreNotSupported()
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await _store.SetSecretAsync("bin", SecretValue.FromBytes([0xFF, 0x00]), cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
    }

    [Fact]
    public async Task KvV1IsDetectedAndKeepsNoVersions()
    {
        using var v1 = VaultStoreFactory.Create(_server, o => { o.Mount = "kv"; o.Auth.Token = VaultTestServer.RootToken; });

        await v1.InitializeAsync(Ct);
        await v1.SetSecretAsync("a", "one", cancellationToken: Ct);

        Assert.Equal(SecretStoreCapabilities.Write, v1.GetMetadata().Capabilities);
        Assert.Equal("one", (await v1.GetSecretAsync("a", cancellationToken: Ct))!.Value.RevealString());
        var cas = await Assert.ThrowsAsync<SecretStoreException>(async () => await v1.SetSecretIfVersionAsync("a", SecretValue.FromString("two"), 1, Ct));
        Assert.Equal(SecretStoreErrorCode.NotSupported, cas.ErrorCode);
    }

    [Fact]
    public async Task DetectionThatIsDeniedSaysHowToSkipIt()
    {
        using var store = VaultStoreFactory.Create(_server, o => { o.Mount = "elsewhere"; o.Auth.Token = VaultTestServer.RootToken; });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("a", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Contains("KvVersion", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> ReadDataMapAsync(string name)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("secret/data/" + name, UriKind.Relative), Ct));
        return JsonDocument.Parse(document.RootElement.GetProperty("data").GetProperty("data").GetRawText());
    }
}
