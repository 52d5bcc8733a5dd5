using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.Cli.Tests;

/// <summary>The commands against the Secrets Manager protocol test server, configured only through the AWS
/// environment variables; the server verifies every request's signature.</summary>
public sealed class AwsCommandTests : IAsyncLifetime
{
    private readonly CliRun _cli = new();
    private SecretsManagerTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SecretsManagerTestServer.StartAsync();
        _cli.Environment["AWS_REGION"] = SecretsManagerTestServer.Region;
        _cli.Environment["AWS_ACCESS_KEY_ID"] = _server.AcceptedKey.AccessKeyId;
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = _server.AcceptedKey.SecretAccessKey;
        _cli.Environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = _server.ServiceUrl.ToString();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Set_prints_the_version_id_and_get_reads_ids_and_stage_labels()
    {
        var first = await _cli.RunAsync("set", "prod/api-key", "--value", "one", "--store", "aws");
        var second = await _cli.RunWithInputAsync("two", "set", "prod/api-key", "--store", "aws");
        string firstVersion = first.Output.TrimEnd('\n');

        var latest = await _cli.RunAsync("get", "prod/api-key", "--store", "aws");
        var previous = await _cli.RunAsync("get", "prod/api-key", "--version", "AWSPREVIOUS", "--store", "aws");
        var byId = await _cli.RunAsync("get", "prod/api-key", "--version", firstVersion, "--store", "aws");
        var byStagePrefix = await _cli.RunAsync("get", "prod/api-key", "--version", "stage:AWSCURRENT", "--store", "aws");

        Assert.True(Guid.TryParse(firstVersion, out _), first.ToString());
        Assert.NotEqual(first.Output, second.Output);
        Assert.Equal("two\n", latest.Output);
        Assert.Equal("one\n", previous.Output);
        Assert.Equal("one\n", byId.Output);
        Assert.Equal("two\n", byStagePrefix.Output);
    }

    [Fact]
    public async Task List_and_delete()
    {
        foreach (string name in (string[])["svc/b", "svc/a", "other"])
        {
            await _cli.RunAsync("set", name, "--value", "v", "--store", "aws");
        }

        var list = await _cli.RunAsync("list", "svc/", "--store", "aws");
        var listLong = await _cli.RunAsync("list", "svc/", "--long", "--store", "aws");
        var delete = await _cli.RunAsync("delete", "svc/a", "--store", "aws");

        Assert.Equal(["svc/a", "svc/b"], list.OutputLines);
        Assert.All(listLong.OutputLines, line => Assert.Matches(@"^svc/[ab]\t\S+\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tenabled\t", line));
        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("DeleteSecret", _server.Operations);
    }

    [Fact]
    public async Task Binary_values_round_trip_as_base64()
    {
        byte[] bytes = [1, 2, 0xFE, 0xFF];

        var set = await _cli.RunWithInputAsync(bytes, "set", "bin", "--store", "aws");
        var get = await _cli.RunAsync("get", "bin", "--store", "aws");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(Convert.ToBase64String(bytes) + "\n", get.Output);
    }

    [Fact]
    public async Task A_wrong_secret_key_exits_4_and_neither_key_nor_value_is_printed()
    {
        const string Canary = "canary-secret-key-91c2";
        const string ValueCanary = "canary-value-0b7e";
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = Canary;

        var result = await _cli.RunAsync("set", "x", "--value", ValueCanary, "--store", "aws");

        Assert.Equal(4, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Canary, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ValueCanary, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_longer_than_the_total_timeout_exits_5()
    {
        _server.ThrottleNext(10, retryAfterSeconds: 600);

        var result = await _cli.RunAsync("get", "x", "--store", "aws");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Throttled", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_and_the_command_succeeds()
    {
        await _cli.RunAsync("set", "x", "--value", "v", "--store", "aws");
        _server.ThrottleNext(2);

        var result = await _cli.RunAsync("get", "x", "--store", "aws");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("v\n", result.Output);
    }

    [Fact]
    public async Task AWS_ENDPOINT_URL_is_used_when_the_service_specific_one_is_not_set()
    {
        _cli.Environment.Remove("AWS_ENDPOINT_URL_SECRETS_MANAGER");
        _cli.Environment["AWS_ENDPOINT_URL"] = _server.ServiceUrl.ToString();

        var result = await _cli.RunAsync("set", "x", "--value", "v", "--store", "aws");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("CreateSecret", _server.Operations);
    }

    [Fact]
    public async Task A_bad_endpoint_variable_is_a_usage_error()
    {
        _cli.Environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = "not a url";

        var result = await _cli.RunAsync("get", "x", "--store", "aws");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AWS_ENDPOINT_URL_SECRETS_MANAGER must be an absolute http:// or https:// URL", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task A_name_Secrets_Manager_cannot_hold_is_refused_before_any_request()
    {
        var result = await _cli.RunAsync("set", "bad name!", "--value", "v", "--store", "aws");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("InvalidName", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }
}
