using SecretsAbstractions.AwsSecretsManager.Tests.Server;
using SecretsAbstractions.AzureKeyVault.Tests.Server;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary><c>secrets copy</c> from one backend to another: every secret under the prefix, a rerun that copies
/// nothing new, names the target cannot hold, dry runs, and copies that must stop.</summary>
public sealed class CopyCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliRun _cli = new();
    private readonly TempDirectory _temp = new();
    private VaultTestServer _vault = null!;
    private SecretsManagerTestServer _aws = null!;

    public async ValueTask InitializeAsync()
    {
        _vault = await VaultTestServer.StartAsync();
        _vault.MountKvV2("secret");
        _aws = await SecretsManagerTestServer.StartAsync();
        _cli.Environment["VAULT_ADDR"] = _vault.Address.ToString();
        _cli.Environment["VAULT_TOKEN"] = VaultTestServer.RootToken;
        _cli.Environment["AWS_REGION"] = SecretsManagerTestServer.Region;
        _cli.Environment["AWS_ACCESS_KEY_ID"] = _aws.AcceptedKey.AccessKeyId;
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = _aws.AcceptedKey.SecretAccessKey;
        _cli.Environment["AWS_ENDPOINT_URL"] = _aws.ServiceUrl.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _vault.DisposeAsync();
        await _aws.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private async Task SetAsync(string store, string name, string value) =>
        Assert.Equal(0, (await _cli.RunAsync("set", name, "--value", value, "--store", store)).ExitCode);

    [Fact]
    public async Task Vault_to_AWS_copies_every_secret_under_the_prefix_and_a_rerun_copies_nothing_new()
    {
        await SetAsync("vault", "app/db", "db-password");
        await SetAsync("vault", "app/api/key", """{"key":"k-1","scope":"read"}""");
        await SetAsync("vault", "app/z", "last");
        await SetAsync("vault", "other/outside", "not copied");

        var first = await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws");
        int writesAfterFirst = _aws.Operations.Count(IsWrite);
        var second = await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(4, first.OutputLines.Length);
        Assert.StartsWith("copied app/api/key (version ", first.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("copied app/db (version ", first.OutputLines[1], StringComparison.Ordinal);
        Assert.StartsWith("copied app/z (version ", first.OutputLines[2], StringComparison.Ordinal);
        Assert.Equal("3 copied, 0 unchanged, 0 failed", first.OutputLines[3]);
        Assert.Equal(["app/api/key", "app/db", "app/z"], (await _cli.RunAsync("list", "--store", "aws")).OutputLines);
        Assert.Equal("db-password\n", (await _cli.RunAsync("get", "app/db", "--store", "aws")).Output);
        Assert.Equal("read\n", (await _cli.RunAsync("get", "app/api/key", "--field", "scope", "--store", "aws")).Output);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(["unchanged app/api/key", "unchanged app/db", "unchanged app/z", "nothing new to copy: 3 unchanged"], second.OutputLines);
        Assert.Equal(writesAfterFirst, _aws.Operations.Count(IsWrite));
        Assert.Empty(first.Error + second.Error);
    }

    [Fact]
    public async Task A_changed_source_value_is_copied_again_and_only_that_one()
    {
        await SetAsync("vault", "app/a", "1");
        await SetAsync("vault", "app/b", "1");
        await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws");
        await SetAsync("vault", "app/b", "2");

        var rerun = await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws");

        Assert.Equal("unchanged app/a", rerun.OutputLines[0]);
        Assert.StartsWith("copied app/b (version ", rerun.OutputLines[1], StringComparison.Ordinal);
        Assert.Equal("1 copied, 1 unchanged, 0 failed", rerun.OutputLines[2]);
        Assert.Equal("2\n", (await _cli.RunAsync("get", "app/b", "--store", "aws")).Output);
    }

    [Fact]
    public async Task JSON_objects_that_the_target_stores_as_a_map_are_unchanged_on_a_rerun()
    {
        string source = _temp.Combine("src");
        _temp.WriteSecret("src", "svc/creds", """
            {
              "user": "svc",
              "password": "p",
              "port": 5432
            }
            """);

        var first = await _cli.RunAsync("copy", "--store", "file", "--path", source, "--to", "vault");
        var second = await _cli.RunAsync("copy", "--store", "file", "--path", source, "--to", "vault");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("copied svc/creds", first.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("nothing new to copy: 1 unchanged", second.OutputLines[^1]);
    }

    [Fact]
    public async Task Dry_run_reports_what_would_be_copied_and_writes_nothing()
    {
        await SetAsync("vault", "app/a", "1");
        await SetAsync("aws", "app/b", "same");
        await SetAsync("vault", "app/b", "same");
        int writesBefore = _aws.Operations.Count(IsWrite);

        var result = await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["would copy app/a", "unchanged app/b", "dry run: 1 to copy, 1 unchanged, 0 failed"], result.OutputLines);
        Assert.Equal(writesBefore, _aws.Operations.Count(IsWrite));
    }

    [Fact]
    public async Task A_name_the_target_cannot_hold_is_reported_and_the_others_are_copied()
    {
        await using var azure = await KeyVaultTestServer.StartAsync();
        _cli.Options = AzureTestAccess.Options(azure);
        string source = _temp.Combine("src");
        _temp.WriteSecret("src", "app/db-password", "ok-1");
        _temp.WriteSecret("src", "app/DB_PASSWORD", "canary-not-copied-4e1f");
        _temp.WriteSecret("src", "app/token", "ok-2");

        var result = await _cli.RunAsync("copy", "app/", "--store", "file", "--path", source, "--to", "azure", "--to-vault-uri", azure.VaultUri.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("failed app/DB_PASSWORD (InvalidName)", result.OutputLines[0]);
        Assert.StartsWith("copied app/db-password (version ", result.OutputLines[1], StringComparison.Ordinal);
        Assert.StartsWith("copied app/token (version ", result.OutputLines[2], StringComparison.Ordinal);
        Assert.Equal("2 copied, 0 unchanged, 1 failed", result.OutputLines[3]);
        string error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("secrets: copy app/DB_PASSWORD: reading the target failed: the target store cannot hold this name: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-not-copied-4e1f", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_target_credentials_stop_the_copy_with_exit_4()
    {
        await SetAsync("vault", "app/a", "1");
        await SetAsync("vault", "app/b", "2");
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = "wrong";

        var result = await _cli.RunAsync("copy", "app/", "--store", "vault", "--to", "aws");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("stopped: 0 copied, 0 unchanged, 0 failed", result.OutputLines[^1]);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_read_only_target_is_refused()
    {
        await SetAsync("vault", "app/a", "1");

        var result = await _cli.RunAsync("copy", "--store", "vault", "--to", "env");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("secrets: store 'env' is read-only, so nothing can be copied to it.\n", result.Error);
    }

    [Fact]
    public async Task An_empty_source_says_there_is_nothing_to_copy()
    {
        var result = await _cli.RunAsync("copy", "none/", "--store", "vault", "--to", "aws");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("nothing to copy: no secrets under 'none/'\n", result.Output);
    }

    private static bool IsWrite(string operation) => operation is "CreateSecret" or "PutSecretValue" or "TagResource";
}
