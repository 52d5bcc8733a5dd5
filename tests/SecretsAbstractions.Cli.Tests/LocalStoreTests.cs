namespace SecretsAbstractions.Cli.Tests;

/// <summary>Every command against the local stores: a directory of files, one JSON file, environment variables.</summary>
public sealed class LocalStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRun _cli = new();
    private readonly string _secrets;

    public LocalStoreTests()
    {
        _secrets = _temp.Combine("secrets");
        _temp.WriteSecret("secrets", "app/db", "pw-1");
        _temp.WriteSecret("secrets", "app/json", """{"user":"admin","password":"p@ss","port":5432}""");
        _temp.WriteSecret("secrets", "other/key", "k");
    }

    public void Dispose() => _temp.Dispose();

    private string[] File(params string[] args) => [.. args, "--store", "file", "--path", _secrets];

    [Fact]
    public async Task Get_prints_the_value_and_a_newline()
    {
        var result = await _cli.RunAsync(File("get", "app/db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pw-1\n", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Get_field_selects_one_key_of_a_JSON_object()
    {
        var password = await _cli.RunAsync(File("get", "app/json", "--field", "password"));
        var port = await _cli.RunAsync(File("get", "app/json", "--field", "port"));

        Assert.Equal("p@ss\n", password.Output);
        Assert.Equal("5432\n", port.Output);
    }

    [Fact]
    public async Task A_missing_field_is_not_found_and_a_value_that_is_not_an_object_has_no_fields()
    {
        var missing = await _cli.RunAsync(File("get", "app/json", "--field", "host"));
        var notObject = await _cli.RunAsync(File("get", "app/db", "--field", "host"));

        Assert.Equal(3, missing.ExitCode);
        Assert.Equal("secrets: secret 'app/json' has no field 'host'.\n", missing.Error);
        Assert.Equal(1, notObject.ExitCode);
        Assert.Contains("is not a JSON object", notObject.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-1", notObject.Error, StringComparison.Ordinal);
        Assert.Empty(missing.Output + notObject.Output);
    }

    [Fact]
    public async Task A_missing_secret_exits_3_with_one_line()
    {
        var result = await _cli.RunAsync(File("get", "app/nope"));

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal("secrets: The secret does not exist. (NotFound, store 'file', operation GetSecret, secret 'app/nope')\n", result.Error);
    }

    [Fact]
    public async Task An_invalid_name_exits_2_before_any_read()
    {
        var result = await _cli.RunAsync(File("get", "../etc/passwd"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("InvalidName", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_prints_sorted_names_under_a_prefix()
    {
        var all = await _cli.RunAsync(File("list"));
        var app = await _cli.RunAsync(File("list", "app/"));

        Assert.Equal(["app/db", "app/json", "other/key"], all.OutputLines);
        Assert.Equal(["app/db", "app/json"], app.OutputLines);
    }

    [Fact]
    public async Task List_long_prints_version_updated_enabled_and_content_type()
    {
        var result = await _cli.RunAsync(File("list", "app/", "--long"));

        Assert.Equal(0, result.ExitCode);
        Assert.Collection(
            result.OutputLines,
            line => Assert.Matches(@"^app/db\t-\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tenabled\t-$", line),
            line => Assert.StartsWith("app/json\t-\t", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_json_prints_properties_and_never_values()
    {
        var result = await _cli.RunAsync(File("list", "--json"));

        Assert.Equal(0, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal(3, document.RootElement.GetArrayLength());
        Assert.Equal("app/db", document.RootElement[0].GetProperty("name").GetString());
        Assert.True(document.RootElement[0].GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain("pw-1", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_reads_standard_input_byte_for_byte_and_get_gives_it_back()
    {
        var set = await _cli.RunWithInputAsync("line one\nline two\n", File("set", "app/new"));
        var get = await _cli.RunAsync(File("get", "app/new"));

        Assert.Equal(0, set.ExitCode);
        Assert.Empty(set.Output); // files have no versions
        Assert.Equal("line one\nline two\n", await System.IO.File.ReadAllTextAsync(_temp.Combine("secrets", "app", "new"), TestContext.Current.CancellationToken));
        Assert.Equal("line one\nline two\n\n", get.Output);
    }

    [Fact]
    public async Task Set_value_option_wins_over_standard_input()
    {
        var set = await _cli.RunWithInputAsync("from-stdin", File("set", "app/new", "--value", "from-option"));

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("from-option", await System.IO.File.ReadAllTextAsync(_temp.Combine("secrets", "app", "new"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Binary_input_is_stored_as_bytes_printed_as_base64_and_written_raw_with_out()
    {
        byte[] bytes = [0xFF, 0x00, 0xC3, 0x28, 0x80];
        string outFile = _temp.Combine("out.bin");

        var set = await _cli.RunWithInputAsync(bytes, File("set", "blob"));
        var get = await _cli.RunAsync(File("get", "blob"));
        var saved = await _cli.RunAsync(File("get", "blob", "--out", outFile));

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(Convert.ToBase64String(bytes) + "\n", get.Output);
        Assert.Equal(0, saved.ExitCode);
        Assert.Empty(saved.Output);
        Assert.Equal(bytes, await System.IO.File.ReadAllBytesAsync(outFile, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(outFile));
        }
    }

    [Fact]
    public async Task Delete_removes_a_secret_and_a_missing_one_exits_3()
    {
        var deleted = await _cli.RunAsync(File("delete", "other/key"));
        var again = await _cli.RunAsync(File("delete", "other/key"));

        Assert.Equal(0, deleted.ExitCode);
        Assert.False(System.IO.File.Exists(_temp.Combine("secrets", "other", "key")));
        Assert.Equal(3, again.ExitCode);
        Assert.Equal("secrets: secret 'other/key' does not exist in store 'file'.\n", again.Error);
    }

    [Fact]
    public async Task Export_dotenv_writes_every_secret_under_the_prefix()
    {
        var result = await _cli.RunAsync(File("export", "app/", "--format", "dotenv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("app__db=pw-1\napp__json='{\"user\":\"admin\",\"password\":\"p@ss\",\"port\":5432}'\n", result.Output);
    }

    [Fact]
    public async Task Export_json_writes_one_object_of_names_to_values()
    {
        var result = await _cli.RunAsync(File("export", "--format", "json"));

        Assert.Equal(0, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("pw-1", document.RootElement.GetProperty("app/db").GetString());
        Assert.Equal("k", document.RootElement.GetProperty("other/key").GetString());
        Assert.Equal(3, document.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task Export_prints_nothing_when_one_secret_cannot_be_written()
    {
        _temp.WriteSecret("secrets", "app/with space", "x");

        var result = await _cli.RunAsync(File("export", "app/", "--format", "dotenv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("'app/with space' cannot be a dotenv variable name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_file_is_a_store_too()
    {
        string file = _temp.Combine("secrets.json");
        await System.IO.File.WriteAllTextAsync(file, """{"db":{"password":"from-json"},"flag":true}""", TestContext.Current.CancellationToken);

        var list = await _cli.RunAsync("list", "--store", "file", "--path", file);
        var get = await _cli.RunAsync("get", "db/password", "--store", "file", "--path", file);

        Assert.Equal(["db/password", "flag"], list.OutputLines);
        Assert.Equal("from-json\n", get.Output);
    }

    [Fact]
    public async Task The_environment_store_reads_variables_under_a_prefix_and_is_read_only()
    {
        // The environment store reads the process environment by design; a unique prefix keeps this test apart.
        string prefix = "SECRETS_CLI_TEST_" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "app__token", "env-value");
        try
        {
            var list = await _cli.RunAsync("list", "--store", "env", "--prefix", prefix);
            var get = await _cli.RunAsync("get", "app/token", "--store", "env", "--prefix", prefix);
            var set = await _cli.RunAsync("set", "app/token", "--value", "x", "--store", "env", "--prefix", prefix);

            Assert.Equal(["app/token"], list.OutputLines);
            Assert.Equal("env-value\n", get.Output);
            Assert.Equal(1, set.ExitCode);
            Assert.Contains("NotSupported", set.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "app__token", null);
        }
    }

    [Fact]
    public async Task A_missing_out_directory_is_one_line_and_exit_1()
    {
        var result = await _cli.RunAsync(File("get", "app/db", "--out", _temp.Combine("no", "such", "dir", "f")));

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("pw-1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_get_and_export_print_values()
    {
        const string Canary = "canary-only-get-and-export-6a0d";
        string target = _temp.Combine("target");
        string[] source = ["--store", "file", "--path", _secrets];
        string[] to = ["--to", "file", "--to-path", target];

        CliResult[] quiet =
        [
            await _cli.RunAsync(["set", "c/x", "--value", Canary, .. source]),
            await _cli.RunWithInputAsync(Canary, ["set", "c/y", .. source]),
            await _cli.RunAsync(["list", .. source]),
            await _cli.RunAsync(["list", "--long", .. source]),
            await _cli.RunAsync(["list", "--json", .. source]),
            await _cli.RunAsync(["copy", "c/", "--dry-run", .. source, .. to]),
            await _cli.RunAsync(["copy", "c/", .. source, .. to]),
            await _cli.RunAsync(["copy", "c/", .. source, .. to]),
            await _cli.RunAsync(["get", "c/x", "--field", "nope", .. source]),
            await _cli.RunAsync(["delete", "c/y", .. source]),
        ];
        var get = await _cli.RunAsync(["get", "c/x", .. source]);
        var export = await _cli.RunAsync(["export", "c/", "--format", "json", .. source]);

        Assert.All(quiet, result => Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal));
        Assert.Equal(Canary + "\n", get.Output);
        Assert.Contains(Canary, export.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_binary_values_as_base64()
    {
        byte[] bytes = [0xFF, 0xFE, 0x00, 0x01];
        await _cli.RunWithInputAsync(bytes, File("set", "bin/key"));

        var json = await _cli.RunAsync(File("export", "bin/", "--format", "json"));
        var dotenv = await _cli.RunAsync(File("export", "bin/", "--format", "dotenv"));

        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Equal(Convert.ToBase64String(bytes), document.RootElement.GetProperty("bin/key").GetString());
        Assert.Equal($"bin__key={Convert.ToBase64String(bytes)}\n", dotenv.Output);
    }
}
