using SecretsAbstractions.AzureKeyVault;
using SecretsAbstractions.AzureKeyVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>The commands against the Key Vault protocol test server (HTTPS, challenge-based bearer tokens) through the
/// real SecretClient.</summary>
public sealed class AzureCommandTests : IAsyncLifetime
{
    private readonly CliRun _cli = new();
    private KeyVaultTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KeyVaultTestServer.StartAsync();
        _cli.Options = AzureTestAccess.Options(_server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private string[] Azure(params string[] args) => [.. args, "--store", "azure", "--vault-uri", _server.VaultUri.ToString()];

    [Fact]
    public async Task Set_get_by_version_list_and_delete()
    {
        var first = await _cli.RunAsync(Azure("set", "app/db", "--value", "one"));
        await _cli.RunWithInputAsync("two", Azure("set", "app/db"));
        await _cli.RunAsync(Azure("set", "app/api", "--value", "x"));
        string firstVersion = first.Output.TrimEnd('\n');

        var latest = await _cli.RunAsync(Azure("get", "app/db"));
        var old = await _cli.RunAsync(Azure("get", "app/db", "--version", firstVersion));
        var list = await _cli.RunAsync(Azure("list", "app/"));
        var delete = await _cli.RunAsync(Azure("delete", "app/api"));
        var afterDelete = await _cli.RunAsync(Azure("get", "app/api"));

        Assert.Matches("^[0-9a-f]{32}$", firstVersion);
        Assert.Equal("two\n", latest.Output);
        Assert.Equal("one\n", old.Output);
        Assert.Equal(["app/api", "app/db"], list.OutputLines);
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(3, afterDelete.ExitCode);
    }

    [Fact]
    public async Task AZURE_KEYVAULT_URL_selects_the_vault_when_no_option_is_given()
    {
        _cli.Environment["AZURE_KEYVAULT_URL"] = _server.VaultUri.ToString();

        var set = await _cli.RunAsync("set", "k", "--value", "v", "--store", "azure");
        var get = await _cli.RunAsync("get", "k", "--store", "azure");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("v\n", get.Output);
    }

    [Theory]
    [InlineData(null, "Azure Key Vault needs its vault URI")]
    [InlineData("http://kv.vault.azure.net/", "must be an absolute https:// URI")]
    public async Task A_missing_or_plain_http_vault_uri_is_a_usage_error(string? uri, string expected)
    {
        string[] args = uri is null ? ["get", "k", "--store", "azure"] : ["get", "k", "--store", "azure", "--vault-uri", uri];

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_Key_Vault_cannot_hold_is_refused_before_any_request()
    {
        var result = await _cli.RunAsync(Azure("set", "App/DB_Password", "--value", "v"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("InvalidName", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task A_disabled_secret_exits_1()
    {
        const string Canary = "canary-disabled-3c9d";
        _server.Seed("off", Canary);
        _server.Disable("off");

        var result = await _cli.RunAsync(Azure("get", "off"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Disabled", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_between_vaults_carries_the_content_type_and_tags()
    {
        await using var target = await KeyVaultTestServer.StartAsync();
        _cli.Options = AzureTestAccess.Options(_server, target);
        var source = new AzureKeyVaultSecretStore(new AzureKeyVaultSecretStoreOptions
        {
            VaultUri = _server.VaultUri,
            Credential = _cli.Options.AzureCredential!(_server.VaultUri),
            ClientOptions = AzureTestAccess.ClientOptions(_server.Certificate),
        });
        await source.SetSecretAsync("app/conn", SecretValue.FromString("Server=db"), new SecretWriteOptions
        {
            ContentType = "text/plain",
            Tags = new Dictionary<string, string> { ["owner"] = "team-a" },
        }, TestContext.Current.CancellationToken);

        var copy = await _cli.RunAsync("copy", "app/", "--store", "azure", "--vault-uri", _server.VaultUri.ToString(), "--to", "azure", "--to-vault-uri", target.VaultUri.ToString());
        var listed = await _cli.RunAsync("list", "--json", "--store", "azure", "--vault-uri", target.VaultUri.ToString());

        Assert.Equal(0, copy.ExitCode);
        Assert.StartsWith("copied app/conn (version ", copy.OutputLines[0], StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(listed.Output);
        var copied = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("text/plain", copied.GetProperty("contentType").GetString());
        Assert.Equal("team-a", copied.GetProperty("tags").GetProperty("owner").GetString());
    }
}
