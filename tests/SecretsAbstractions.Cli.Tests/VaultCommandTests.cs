using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>The commands against the Vault protocol test server, configured only through VAULT_ADDR and VAULT_TOKEN.</summary>
public sealed class VaultCommandTests : IAsyncLifetime
{
    private readonly CliRun _cli = new();
    private VaultTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultTestServer.StartAsync();
        _server.MountKvV2("secret");
        _server.MountKvV1("kv");
        _cli.Environment["VAULT_ADDR"] = _server.Address.ToString();
        _cli.Environment["VAULT_TOKEN"] = VaultTestServer.RootToken;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Set_prints_each_new_version_and_get_reads_latest_or_a_version_number()
    {
        var first = await _cli.RunAsync("set", "app/db", "--value", "one", "--store", "vault");
        var second = await _cli.RunWithInputAsync("two", "set", "app/db", "--store", "vault");
        var latest = await _cli.RunAsync("get", "app/db", "--store", "vault");
        var old = await _cli.RunAsync("get", "app/db", "--version", "1", "--store", "vault");
        var missingVersion = await _cli.RunAsync("get", "app/db", "--version", "9", "--store", "vault");

        Assert.Equal("1\n", first.Output);
        Assert.Equal("2\n", second.Output);
        Assert.Equal("two\n", latest.Output);
        Assert.Equal("one\n", old.Output);
        Assert.Equal(3, missingVersion.ExitCode);
    }

    [Fact]
    public async Task A_KV_secret_is_its_data_map_and_field_selects_one_key()
    {
        await _cli.RunAsync("set", "app/creds", "--value", """{"username":"svc","password":"s3cret"}""", "--store", "vault");

        var whole = await _cli.RunAsync("get", "app/creds", "--store", "vault");
        var field = await _cli.RunAsync("get", "app/creds", "--field", "username", "--store", "vault");

        using var document = System.Text.Json.JsonDocument.Parse(whole.Output);
        Assert.Equal("s3cret", document.RootElement.GetProperty("password").GetString());
        Assert.Equal("svc\n", field.Output);
    }

    [Fact]
    public async Task List_walks_folders_and_prints_sorted_names()
    {
        foreach (string name in (string[])["b/two", "a/one", "a/deep/three", "c"])
        {
            Assert.Equal(0, (await _cli.RunAsync("set", name, "--value", "v", "--store", "vault")).ExitCode);
        }

        var all = await _cli.RunAsync("list", "--store", "vault");
        var underA = await _cli.RunAsync("list", "a/", "--store", "vault");

        Assert.Equal(["a/deep/three", "a/one", "b/two", "c"], all.OutputLines);
        Assert.Equal(["a/deep/three", "a/one"], underA.OutputLines);
    }

    [Fact]
    public async Task List_long_takes_versions_from_the_metadata_and_never_prints_values()
    {
        await _cli.RunAsync("set", "m/x", "--value", "canary-list-value-1", "--store", "vault");
        await _cli.RunAsync("set", "m/x", "--value", "canary-list-value-2", "--store", "vault");

        var result = await _cli.RunAsync("list", "m/", "--long", "--store", "vault");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^m/x\t2\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tenabled\t-$", Assert.Single(result.OutputLines));
        Assert.DoesNotContain("canary-list-value", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_selects_another_KV_mount()
    {
        var set = await _cli.RunAsync("set", "x", "--value", "in-kv1", "--store", "vault", "--mount", "kv");
        var get = await _cli.RunAsync("get", "x", "--store", "vault", "--mount", "kv");
        var other = await _cli.RunAsync("get", "x", "--store", "vault");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("in-kv1\n", get.Output);
        Assert.Equal(3, other.ExitCode);
    }

    [Fact]
    public async Task Delete_then_get_is_not_found()
    {
        await _cli.RunAsync("set", "gone", "--value", "v", "--store", "vault");

        var delete = await _cli.RunAsync("delete", "gone", "--store", "vault");
        var get = await _cli.RunAsync("get", "gone", "--store", "vault");

        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(3, get.ExitCode);
    }

    [Fact]
    public async Task A_rejected_token_exits_4_and_the_token_is_never_printed()
    {
        const string Canary = "hvs.canary-token-5d1e";
        _cli.Environment["VAULT_TOKEN"] = Canary;

        var result = await _cli.RunAsync("get", "app/db", "--store", "vault");

        Assert.Equal(4, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Canary, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_missing_address_or_token_is_a_usage_error_before_any_request()
    {
        _cli.Environment.Remove("VAULT_TOKEN");
        var noToken = await _cli.RunAsync("get", "app/db", "--store", "vault");
        _cli.Environment["VAULT_TOKEN"] = VaultTestServer.RootToken;
        _cli.Environment["VAULT_ADDR"] = "http://vault.example.com:8200";
        var remoteHttp = await _cli.RunAsync("get", "app/db", "--store", "vault");

        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("VAULT_TOKEN", noToken.Error, StringComparison.Ordinal);
        Assert.Equal(2, remoteHttp.ExitCode);
        Assert.Contains("plain http://", remoteHttp.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task An_unreachable_server_exits_5_after_the_retries()
    {
        await _server.DisposeAsync();

        var result = await _cli.RunAsync("get", "app/db", "--store", "vault");

        Assert.Equal(5, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_command_succeeds()
    {
        await _cli.RunAsync("set", "app/db", "--value", "v", "--store", "vault");
        _server.FailNext(503, "Vault is sealed");

        var result = await _cli.RunAsync("get", "app/db", "--store", "vault");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("v\n", result.Output);
    }
}
