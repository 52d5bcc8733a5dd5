using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary><c>--config file.json --store name</c>: stores declared in the library's own <c>SecretStores</c> schema.</summary>
public sealed class ConfigFileTests : IAsyncLifetime, IDisposable
{
    private readonly CliRun _cli = new();
    private readonly TempDirectory _temp = new();
    private VaultTestServer _vault = null!;
    private string _config = null!;

    public async ValueTask InitializeAsync()
    {
        _vault = await VaultTestServer.StartAsync();
        _vault.MountKvV2("secret");
        _temp.WriteSecret("local", "app/db", "from-file");
        _config = _temp.Combine("secrets.json");
        await File.WriteAllTextAsync(_config, $$"""
            {
              "SecretStores": {
                "local": { "Type": "File", "Options": { "Path": "{{Json(_temp.Combine("local"))}}", "AllowWrites": true } },
                "vault": {
                  "Type": "HashiCorpVault",
                  "Options": {
                    "Address": "{{_vault.Address}}",
                    "Mount": "secret",
                    "UseEnvironmentDefaults": false,
                    "RequestTimeout": "00:00:10",
                    "Auth": { "Method": "Token", "Token": "{{VaultTestServer.RootToken}}" }
                  }
                },
                "broken": { "Type": "File", "Options": { "Path": "x", "Colour": "blue" } }
              }
            }
            """, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _vault.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Declared_stores_are_read_written_and_copied_between()
    {
        var get = await _cli.RunAsync("get", "app/db", "--config", _config, "--store", "local");
        var copy = await _cli.RunAsync("copy", "--config", _config, "--store", "local", "--to", "vault");
        var fromVault = await _cli.RunAsync("get", "app/db", "--config", _config, "--store", "vault");
        var set = await _cli.RunAsync("set", "app/new", "--value", "v", "--config", _config, "--store", "vault");

        Assert.Equal("from-file\n", get.Output);
        Assert.Equal(0, copy.ExitCode);
        Assert.Equal("from-file\n", fromVault.Output);
        Assert.Equal("1\n", set.Output);
    }

    [Fact]
    public async Task A_store_that_is_not_declared_is_a_usage_error_naming_the_declared_ones()
    {
        var result = await _cli.RunAsync("get", "x", "--config", _config, "--store", "aws");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--store 'aws' is not declared in the SecretStores section", result.Error, StringComparison.Ordinal);
        Assert.Contains("declared stores: broken, local, vault", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misconfigured_store_is_a_usage_error_with_its_configuration_path_and_others_still_work()
    {
        var broken = await _cli.RunAsync("get", "x", "--config", _config, "--store", "broken");
        var local = await _cli.RunAsync("get", "app/db", "--config", _config, "--store", "local");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("SecretStores:broken:Options:Colour", broken.Error, StringComparison.Ordinal);
        Assert.Single(broken.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, local.ExitCode);
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_is_reported_by_line_without_quoting_it()
    {
        const string Canary = "hvs.canary-in-config-77aa";
        string bad = _temp.Combine("bad.json");
        await File.WriteAllTextAsync(bad, "{\n  \"SecretStores\": {\n    \"v\": { \"Token\": \"" + Canary + "\" \n", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("get", "x", "--config", bad, "--store", "v");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var result = await _cli.RunAsync("list", "--config", _temp.Combine("nope.json"), "--store", "local");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    private static string Json(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal);
}
