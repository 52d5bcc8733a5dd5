namespace SecretsAbstractions.Cli.Tests;

/// <summary>Usage errors: exit code 2, one line on standard error naming the mistake, nothing on standard output and
/// no store touched (the Vault address points nowhere, so a call would show up as another exit code).</summary>
public sealed class CommandLineTests
{
    private readonly CliRun _cli = new();

    public CommandLineTests()
    {
        _cli.Environment["VAULT_ADDR"] = "http://127.0.0.1:1";
        _cli.Environment["VAULT_TOKEN"] = "t";
    }

    [Theory]
    [InlineData("no command given", new string[0])]
    [InlineData("unknown command 'fetch'", new[] { "fetch", "x" })]
    [InlineData("get: missing <name>", new[] { "get", "--store", "vault" })]
    [InlineData("get: unknown option '--colour'", new[] { "get", "x", "--store", "vault", "--colour" })]
    [InlineData("get: unknown option '-v'", new[] { "get", "x", "--store", "vault", "-v" })]
    [InlineData("get: option '--version' needs a value", new[] { "get", "x", "--store", "vault", "--version" })]
    [InlineData("get: option '--store' is given more than once", new[] { "get", "x", "--store", "vault", "--store", "aws" })]
    [InlineData("list: option '--long' takes no value", new[] { "list", "--store", "vault", "--long=yes" })]
    [InlineData("list: --long and --json cannot be combined", new[] { "list", "--store", "vault", "--long", "--json" })]
    [InlineData("get: --store is required", new[] { "get", "x" })]
    [InlineData("get: --store must be one of vault, aws, azure, env, file", new[] { "get", "x", "--store", "gcp" })]
    [InlineData("get: --mount applies to --store vault only", new[] { "get", "x", "--store", "aws", "--mount", "kv" })]
    [InlineData("get: --path applies to --store file only", new[] { "get", "x", "--store", "vault", "--path", "p" })]
    [InlineData("get: --store file needs --path <path>", new[] { "get", "x", "--store", "file" })]
    [InlineData("copy: --to is required", new[] { "copy", "--store", "vault" })]
    [InlineData("copy: --to-path applies to --to file only", new[] { "copy", "--store", "vault", "--to", "aws", "--to-path", "p" })]
    [InlineData("copy: --to-mount cannot be used with --config", new[] { "copy", "--config", "c.json", "--store", "a", "--to", "b", "--to-mount", "kv" })]
    [InlineData("export: --format is required", new[] { "export", "--store", "vault" })]
    [InlineData("export: --format must be dotenv or json", new[] { "export", "--store", "vault", "--format", "yaml" })]
    [InlineData("get: --version must be a version id or stage", new[] { "get", "x", "--store", "vault", "--version", "stage:" })]
    public async Task A_usage_error_exits_2_with_one_line_that_names_it(string expected, string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("secrets: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains("--help'.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_typed_as_an_extra_argument_is_not_echoed()
    {
        const string Canary = "canary-value-7f3a";

        var result = await _cli.RunAsync("set", "app/db", Canary, "--store", "vault");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("too many arguments", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_without_a_value_or_piped_input_is_a_usage_error()
    {
        var result = await _cli.RunAsync("set", "app/db", "--store", "vault");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set: no value: pipe it on standard input or pass --value", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command_the_stores_and_the_exit_codes(string help)
    {
        var result = await _cli.RunAsync(help);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        foreach (string command in (string[])["get", "list", "set", "delete", "copy", "export"])
        {
            Assert.Contains($"  {command} ", result.Output, StringComparison.Ordinal);
        }

        foreach (string variable in (string[])["VAULT_ADDR", "VAULT_TOKEN", "VAULT_NAMESPACE", "VAULT_CACERT", "AWS_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AZURE_KEYVAULT_URL"])
        {
            Assert.Contains(variable, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("0 success, 1 other failure, 2 usage error, 3 not found, 4 access denied or unauthenticated", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get", "--field <field>")]
    [InlineData("list", "--long")]
    [InlineData("set", "--value <value>")]
    [InlineData("copy", "--dry-run")]
    [InlineData("export", "--format <dotenv|json>")]
    public async Task Each_command_has_its_own_help(string command, string option)
    {
        var viaOption = await _cli.RunAsync(command, "--help");
        var viaHelp = await _cli.RunAsync("help", command);

        Assert.Equal(0, viaOption.ExitCode);
        Assert.StartsWith($"Usage: secrets {command}", viaOption.Output, StringComparison.Ordinal);
        Assert.Contains(option, viaOption.Output, StringComparison.Ordinal);
        Assert.Equal(viaOption.Output, viaHelp.Output);
    }

    [Fact]
    public async Task The_tool_version_is_printed_alone()
    {
        var result = await _cli.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output);
    }
}
