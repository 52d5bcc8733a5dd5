using SecretsAbstractions.AwsSecretsManager.Tests.Server;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>
/// The native AOT binary as an operator runs it: get, list, set and copy against the Vault and Secrets Manager
/// protocol servers and the local stores, and a --config store bound by the library's reflection-based binder.
/// Azure is covered in-process only (<see cref="AzureCommandTests"/>): its test server needs a transport that trusts
/// a certificate made in the test and a token credential, which only an in-process hook can hand the tool.
/// </summary>
public sealed class NativeBinaryTests(NativeBinaryFixture native) : IClassFixture<NativeBinaryFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private VaultTestServer? _vault;
    private SecretsManagerTestServer? _aws;

    public async ValueTask InitializeAsync()
    {
        if (native.SkipReason is not null)
        {
            return;
        }

        _vault = await VaultTestServer.StartAsync();
        _vault.MountKvV2("secret");
        _aws = await SecretsManagerTestServer.StartAsync();
        _environment["VAULT_ADDR"] = _vault.Address.ToString();
        _environment["VAULT_TOKEN"] = VaultTestServer.RootToken;
        _environment["AWS_REGION"] = SecretsManagerTestServer.Region;
        _environment["AWS_ACCESS_KEY_ID"] = _aws.AcceptedKey.AccessKeyId;
        _environment["AWS_SECRET_ACCESS_KEY"] = _aws.AcceptedKey.SecretAccessKey;
        _environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = _aws.ServiceUrl.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_vault is not null)
        {
            await _vault.DisposeAsync();
        }

        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> RunAsync(params string[] args) => native.RunAsync(_environment, null, _temp.Path, args);

    private Task<CliResult> RunWithInputAsync(string input, params string[] args) => native.RunAsync(_environment, input, _temp.Path, args);

    [Fact]
    public void The_native_publish_reports_no_warning_from_the_tools_own_code()
    {
        Assert.SkipWhen(native.PublishLog.Length == 0, native.SkipReason ?? "The binary was published beforehand (SECRETS_CLI_NATIVE_BINARY).");
        string ownSources = $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}SecretsAbstractions.Cli{Path.DirectorySeparatorChar}";

        var ownWarnings = native.PublishLog.Split('\n')
            .Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase) && line.Contains(ownSources, StringComparison.Ordinal))
            .ToList();

        Assert.Empty(ownWarnings);
    }

    [Fact]
    public async Task Local_file_store_set_get_list_and_copy()
    {
        Assert.SkipWhen(native.SkipReason is not null, native.SkipReason ?? string.Empty);
        string[] source = ["--store", "file", "--path", "local"];

        var set = await RunWithInputAsync("from stdin", ["set", "app/a", .. source]);
        await RunAsync(["set", "app/b", "--value", """{"user":"u","password":"p"}""", .. source]);
        var get = await RunAsync(["get", "app/a", .. source]);
        var field = await RunAsync(["get", "app/b", "--field", "password", .. source]);
        var list = await RunAsync(["list", .. source]);
        var copy = await RunAsync(["copy", "app/", .. source, "--to", "file", "--to-path", "copy.json"]);
        var rerun = await RunAsync(["copy", "app/", .. source, "--to", "file", "--to-path", "copy.json"]);
        var missing = await RunAsync(["get", "app/none", .. source]);

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("from stdin\n", get.Output);
        Assert.Equal("p\n", field.Output);
        Assert.Equal(["app/a", "app/b"], list.OutputLines);
        Assert.Equal(["copied app/a", "copied app/b", "2 copied, 0 unchanged, 0 failed"], copy.OutputLines);
        Assert.Equal("nothing new to copy: 2 unchanged", rerun.OutputLines[^1]);
        Assert.Equal(3, missing.ExitCode);
        Assert.StartsWith("secrets: The secret does not exist.", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vault_and_AWS_set_get_and_list()
    {
        Assert.SkipWhen(native.SkipReason is not null, native.SkipReason ?? string.Empty);

        var vaultSet = await RunWithInputAsync("v-1", "set", "app/db", "--store", "vault");
        var vaultGet = await RunAsync("get", "app/db", "--store", "vault");
        var vaultList = await RunAsync("list", "app/", "--store", "vault");
        var awsFirst = await RunAsync("set", "app/db", "--value", "a-1", "--store", "aws");
        var awsSecond = await RunAsync("set", "app/db", "--value", "a-2", "--store", "aws");
        var awsPrevious = await RunAsync("get", "app/db", "--version", "AWSPREVIOUS", "--store", "aws");
        var awsList = await RunAsync("list", "--long", "--store", "aws");

        Assert.Equal("1\n", vaultSet.Output);
        Assert.Equal("v-1\n", vaultGet.Output);
        Assert.Equal(["app/db"], vaultList.OutputLines);
        Assert.True(Guid.TryParse(awsFirst.Output.Trim(), out _), awsFirst.ToString());
        Assert.Equal(0, awsSecond.ExitCode);
        Assert.Equal("a-1\n", awsPrevious.Output);
        Assert.StartsWith("app/db\t", Assert.Single(awsList.OutputLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_from_Vault_to_AWS_copies_every_secret_under_the_prefix_and_a_rerun_copies_nothing_new()
    {
        Assert.SkipWhen(native.SkipReason is not null, native.SkipReason ?? string.Empty);
        foreach (string name in (string[])["team/a", "team/b/c", "team/d", "elsewhere"])
        {
            Assert.Equal(0, (await RunAsync("set", name, "--value", "value of " + name, "--store", "vault")).ExitCode);
        }

        var copy = await RunAsync("copy", "team/", "--store", "vault", "--to", "aws");
        var rerun = await RunAsync("copy", "team/", "--store", "vault", "--to", "aws");
        var copied = await RunAsync("get", "team/b/c", "--store", "aws");

        Assert.Equal(0, copy.ExitCode);
        Assert.Equal("3 copied, 0 unchanged, 0 failed", copy.OutputLines[^1]);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(["unchanged team/a", "unchanged team/b/c", "unchanged team/d", "nothing new to copy: 3 unchanged"], rerun.OutputLines);
        Assert.Equal("value of team/b/c\n", copied.Output);
    }

    [Fact]
    public async Task A_config_file_store_binds_in_the_native_binary()
    {
        Assert.SkipWhen(native.SkipReason is not null, native.SkipReason ?? string.Empty);
        _temp.WriteSecret("local", "cfg/x", "from-config");
        await File.WriteAllTextAsync(_temp.Combine("secrets.json"), $$"""
            {
              "SecretStores": {
                "local": { "Type": "File", "Options": { "Path": "local", "Format": "Directory" } },
                "vault": { "Type": "HashiCorpVault", "Options": { "Address": "{{_vault!.Address}}", "RequestTimeout": "00:00:20", "UseEnvironmentDefaults": false, "Auth": { "Method": "Token", "Token": "{{VaultTestServer.RootToken}}" } } },
                "aws": { "Type": "AwsSecretsManager", "Options": { "Region": "us-east-1", "ServiceUrl": "{{_aws!.ServiceUrl}}" } }
              }
            }
            """, TestContext.Current.CancellationToken);

        var copy = await RunAsync("copy", "--config", "secrets.json", "--store", "local", "--to", "vault");
        var get = await RunAsync("get", "cfg/x", "--config", "secrets.json", "--store", "vault");
        var aws = await RunAsync("set", "cfg/y", "--value", "v", "--config", "secrets.json", "--store", "aws");

        Assert.Equal(0, copy.ExitCode);
        Assert.Equal("from-config\n", get.Output);
        Assert.Equal(0, aws.ExitCode);
    }

    [Fact]
    public async Task Usage_errors_and_rejected_credentials_keep_their_exit_codes()
    {
        Assert.SkipWhen(native.SkipReason is not null, native.SkipReason ?? string.Empty);
        const string Canary = "canary-native-token-2b8c";

        var usage = await RunAsync("get");
        _environment["VAULT_TOKEN"] = Canary;
        var denied = await RunAsync("get", "x", "--store", "vault");

        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(4, denied.ExitCode);
        Assert.DoesNotContain(Canary, denied.Error, StringComparison.Ordinal);
    }
}
