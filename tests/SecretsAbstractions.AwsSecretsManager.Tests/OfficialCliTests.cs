using System.Diagnostics;
using System.Text.Json.Nodes;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;

namespace SecretsAbstractions.AwsSecretsManager.Tests;

/// <summary>The official AWS CLI, pointed at the test server with <c>--endpoint-url</c>, accepts its signatures,
/// paged and filtered replies and errors: the server speaks the service's protocol, not just this adapter's dialect.
/// Runs when <c>SECRETSABSTRACTIONS_AWS_CLI</c> names the <c>aws</c> executable; skipped otherwise.</summary>
public sealed class OfficialCliTests : IAsyncLifetime
{
    private static readonly string? Cli = Environment.GetEnvironmentVariable("SECRETSABSTRACTIONS_AWS_CLI");
    private SecretsManagerTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await SecretsManagerTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheCliReadsPagedAndFilteredBatchRepliesAndListings()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Cli), "Set SECRETSABSTRACTIONS_AWS_CLI to the aws executable to run this test.");
        foreach (string name in (string[])["cli/a", "cli/b", "cli/c", "cli/d", "cli/e", "other/x"])
        {
            _server.State.Handle("CreateSecret", new JsonObject
            {
                ["Name"] = name,
                ["SecretString"] = "value-of-" + name,
                ["Tags"] = new JsonArray(new JsonObject { ["Key"] = name == "cli/e" ? "owner" : "team", ["Value"] = "t" }),
            });
        }

        string arn = _server.State.Handle("DescribeSecret", new JsonObject { ["SecretId"] = "cli/b" })["ARN"]!.GetValue<string>();

        // Filters with MaxResults: the CLI sends each NextToken back until the last page.
        var filtered = await PagesAsync(["secretsmanager", "batch-get-secret-value", "--filters", "Key=name,Values=cli/", "--max-results", "2"]);
        Assert.Equal(["cli/a", "cli/b", "cli/c", "cli/d", "cli/e"], filtered.SelectMany(p => Names(p, "SecretValues")).Order(StringComparer.Ordinal));
        Assert.True(filtered.Count >= 3);

        // A SecretIdList reply paged by the server, with names, a full and a partial ARN, and a missing secret.
        _server.State.BatchPageSize = 1;
        var byIds = await PagesAsync(["secretsmanager", "batch-get-secret-value", "--secret-id-list", "cli/a", arn, arn[..^7], "cli/none"]);
        Assert.Equal(4, byIds.Count);
        Assert.Equal(["cli/a", "cli/b", "cli/b"], byIds.SelectMany(p => Names(p, "SecretValues")));
        Assert.Equal("cli/none", Assert.Single(byIds.SelectMany(p => p["Errors"]!.AsArray()))!["SecretId"]!.GetValue<string>());

        // ListSecrets: two filters (AND), one result per page, which the CLI's own paginator follows.
        var (listCode, listOut, listErr) = await RunAsync(["secretsmanager", "list-secrets", "--filters", "Key=name,Values=cli/", "Key=tag-key,Values=team", "--page-size", "1"]);
        Assert.True(listCode == 0, listErr);
        Assert.Equal(["cli/a", "cli/b", "cli/c", "cli/d"], Names(JsonNode.Parse(listOut)!, "SecretList").Order(StringComparer.Ordinal));
        Assert.True(_server.Operations.Count(op => op == "ListSecrets") >= 4);

        // A partial ARN reads the secret.
        var (getCode, getOut, getErr) = await RunAsync(["secretsmanager", "get-secret-value", "--secret-id", arn[..^7]]);
        Assert.True(getCode == 0, getErr);
        Assert.Equal("value-of-cli/b", JsonNode.Parse(getOut)!["SecretString"]!.GetValue<string>());

        // An invalid combination gets the service's error, which the CLI reports by its type.
        var (badCode, _, badErr) = await RunAsync(["secretsmanager", "batch-get-secret-value", "--secret-id-list", "cli/a", "--filters", "Key=name,Values=cli/"]);
        Assert.NotEqual(0, badCode);
        Assert.Contains("InvalidParameterException", badErr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(JsonNode page, string list) =>
        page[list]!.AsArray().Select(item => item!["Name"]!.GetValue<string>());

    private async Task<List<JsonNode>> PagesAsync(string[] arguments)
    {
        var pages = new List<JsonNode>();
        string? token = null;
        do
        {
            var (code, output, error) = await RunAsync(token is null ? arguments : [.. arguments, "--next-token", token]);
            Assert.True(code == 0, error);
            var page = JsonNode.Parse(output)!;
            pages.Add(page);
            token = page["NextToken"]?.GetValue<string>();
        }
        while (token is not null);

        return pages;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Cli!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string argument in (string[])["--endpoint-url", _server.ServiceUrl.AbsoluteUri, "--region", SecretsManagerTestServer.Region, "--output", "json", "--no-paginate"])
        {
            if (argument == "--no-paginate" && arguments.Contains("list-secrets"))
            {
                continue;
            }

            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = _server.AcceptedKey.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = _server.AcceptedKey.SecretAccessKey;
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_PROFILE");
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = string.Empty;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }
}
