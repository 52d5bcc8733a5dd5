using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Security.KeyVault.Secrets;
using SecretsAbstractions.AzureKeyVault.Tests.Server;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>
/// Replays the scenarios of Fixtures/official-client-wire-capture.json with the real SecretClient against the
/// test server and compares the exchanges' shape: method, path (version ids and host normalised), api-version,
/// whether a body was sent, the request headers the official client sends, and the final status. Repeated polls
/// and extra pages are collapsed (the capture's fake answered "pending" twice and paged by one), and the leading
/// challenge round trip is compared separately (the capture's later scenarios reused a cached challenge).
/// Backup and restore are not served (the adapter does not use them); the http and challenge-verification
/// scenarios are client-side and are checked by <see cref="Client_side_refusals_match_the_capture"/>.
/// </summary>
public sealed partial class WireCaptureReplayTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Scenarios = new(LoadScenarios);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ServedScenarios =>
    [
        "SetSecret", "GetSecret latest", "GetSecret version", "GetSecret 404", "GetPropertiesOfSecrets paging",
        "GetPropertiesOfSecretVersions", "UpdateSecretProperties", "StartDeleteSecret + WaitForCompletion",
        "GetDeletedSecret", "GetDeletedSecrets", "PurgeDeletedSecret", "StartRecoverDeletedSecret + WaitForCompletion",
        "https localhost, DisableChallengeResourceVerification=true",
    ];

    [Theory]
    [MemberData(nameof(ServedScenarios))]
    public async Task The_real_client_exchanges_match_the_capture(string scenario)
    {
        await using var harness = await KeyVaultHarness.StartAsync();
        var client = new SecretClient(harness.Server.VaultUri, harness.Credential, harness.Server.CreateClientOptions());

        await RunAsync(scenario, harness.Server, client);

        var expected = Collapse(Scenarios.Value[scenario].GetProperty("exchanges").EnumerateArray().Select(FromCapture));
        var actual = Collapse(harness.Server.Requests.Select(FromServer));
        Assert.True(actual.Count > 0 && actual[0].Status == 401 && !actual[0].Bearer, "A fresh host is challenged first.");
        Assert.Equal(StripChallenge(expected).Select(e => e.Key), StripChallenge(actual).Select(e => e.Key));
        foreach (var (want, got) in StripChallenge(expected).Zip(StripChallenge(actual)))
        {
            Assert.True(want.Headers.IsSubsetOf(got.Headers), $"{want.Key}: expected headers {string.Join(",", want.Headers)}, got {string.Join(",", got.Headers)}.");
        }
    }

    [Fact]
    public async Task Client_side_refusals_match_the_capture()
    {
        await using var harness = await KeyVaultHarness.StartAsync();
        // Named by its loopback address, the vault's host is not under the challenge's resource (vault.azure.net).
        var verifyingClient = new SecretClient(harness.Server.LoopbackUri, harness.Credential, harness.Server.CreateClientOptions());
        var httpClient = new SecretClient(new Uri("http://127.0.0.1:1/"), harness.Credential, harness.Server.CreateClientOptions());

        var mismatch = await Assert.ThrowsAsync<InvalidOperationException>(() => verifyingClient.GetSecretAsync("mysecretname", cancellationToken: Ct));
        var plain = await Assert.ThrowsAsync<InvalidOperationException>(() => httpClient.GetSecretAsync("mysecretname", cancellationToken: Ct));

        Assert.Equal(ExceptionMessage("https localhost, challenge resource vault.azure.net, default verification"), mismatch.Message);
        Assert.Equal(ExceptionMessage("http scheme (no TLS)"), plain.Message);
        Assert.Equal([401], harness.Server.Requests.Select(r => r.Status));
    }

    private static async Task RunAsync(string scenario, KeyVaultTestServer server, SecretClient client)
    {
        switch (scenario)
        {
            case "SetSecret":
                await client.SetSecretAsync("crpsecret", "mysecretvalue", Ct);
                break;
            case "GetSecret latest":
                server.Seed("mysecretname", "mysecretvalue");
                await client.GetSecretAsync("mysecretname", cancellationToken: Ct);
                break;
            case "https localhost, DisableChallengeResourceVerification=true":
                server.Seed("mysecretname", "mysecretvalue");
                var options = server.CreateClientOptions();
                options.DisableChallengeResourceVerification = true;
                await new SecretClient(server.VaultUri, new TestTokenCredential(server.AcceptedToken), options).GetSecretAsync("mysecretname", cancellationToken: Ct);
                break;
            case "GetSecret version":
                server.Seed("mysecretname", "mysecretvalue");
                var version = server.State.LatestVersion("mysecretname");
                await client.GetSecretAsync("mysecretname", version, Ct);
                break;
            case "GetSecret 404":
                await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("missing", cancellationToken: Ct));
                break;
            case "GetPropertiesOfSecrets paging":
                server.Seed("listsecrettest0", "a");
                server.Seed("listsecrettest1", "b");
                await client.GetPropertiesOfSecretsAsync(Ct).ToListAsync(Ct);
                break;
            case "GetPropertiesOfSecretVersions":
                server.Seed("listsecretversionstest", "a");
                await client.GetPropertiesOfSecretVersionsAsync("listsecretversionstest", Ct).ToListAsync(Ct);
                break;
            case "UpdateSecretProperties":
                server.Seed("crpsecret", "mysecretvalue");
                string current = server.State.LatestVersion("crpsecret");
                var properties = SecretModelFactory.SecretProperties(
                    id: new Uri(server.VaultUri, $"secrets/crpsecret/{current}"), vaultUri: server.VaultUri, name: "crpsecret", version: current);
                properties.ContentType = "myContentType";
                properties.Enabled = true;
                properties.Tags["mytag"] = "myvalue";
                await client.UpdateSecretPropertiesAsync(properties, Ct);
                break;
            case "StartDeleteSecret + WaitForCompletion":
                server.Seed("GetDeletedSecretTest", "value");
                await (await client.StartDeleteSecretAsync("GetDeletedSecretTest", Ct)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(1), Ct);
                break;
            case "GetDeletedSecret":
                server.SeedDeleted("GetDeletedSecretTest", "value");
                await client.GetDeletedSecretAsync("GetDeletedSecretTest", Ct);
                break;
            case "GetDeletedSecrets":
                server.SeedDeleted("listdeletedsecrettest0", "value");
                await client.GetDeletedSecretsAsync(Ct).ToListAsync(Ct);
                break;
            case "PurgeDeletedSecret":
                server.SeedDeleted("testsecret", "value");
                await client.PurgeDeletedSecretAsync("testsecret", Ct);
                break;
            case "StartRecoverDeletedSecret + WaitForCompletion":
                server.SeedDeleted("SecretCreateDeleteRecoverPurgeTest", "mysecretvalue");
                await (await client.StartRecoverDeletedSecretAsync("SecretCreateDeleteRecoverPurgeTest", Ct)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(1), Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Not a served scenario.");
        }
    }

    private static Exchange FromCapture(JsonElement exchange)
    {
        var request = exchange.GetProperty("request");
        var headers = request.GetProperty("headers").EnumerateObject().Select(h => h.Name).Where(h => h != "Authorization").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var uri = new Uri(request.GetProperty("url").GetString()!);
        return new Exchange(
            request.GetProperty("method").GetString()!,
            Normalise(uri.AbsolutePath),
            ApiVersion(uri.Query),
            request.GetProperty("body").ValueKind == JsonValueKind.String,
            headers.Count > 0 && request.GetProperty("headers").TryGetProperty("Authorization", out _),
            exchange.GetProperty("response").GetProperty("status").GetInt32(),
            headers);
    }

    private static Exchange FromServer(RecordedRequest request) => new(
        request.Method,
        Normalise(request.Path),
        ApiVersion(request.Target.Contains('?', StringComparison.Ordinal) ? request.Target[request.Target.IndexOf('?', StringComparison.Ordinal)..] : string.Empty),
        request.BodyLength > 0,
        request.HadBearerToken,
        request.Status,
        request.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));

    // Consecutive requests to the same resource (polls, pages) count once, with the last status.
    private static List<Exchange> Collapse(IEnumerable<Exchange> exchanges)
    {
        var collapsed = new List<Exchange>();
        foreach (var exchange in exchanges)
        {
            if (collapsed.Count > 0 && collapsed[^1].Method == exchange.Method && collapsed[^1].Path == exchange.Path && collapsed[^1].Bearer == exchange.Bearer)
            {
                collapsed[^1] = exchange;
            }
            else
            {
                collapsed.Add(exchange);
            }
        }

        return collapsed;
    }

    private static IEnumerable<Exchange> StripChallenge(List<Exchange> exchanges) => exchanges.Where(e => e.Bearer);

    private static string Normalise(string path) => VersionId().Replace(path, "/{version}");

    private static string ApiVersion(string query) =>
        query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("api-version=", StringComparison.Ordinal)) ?? "(none)";

    private static string ExceptionMessage(string scenario) =>
        Scenarios.Value[scenario].GetProperty("exception").GetProperty("message").GetString()!;

    private static Dictionary<string, JsonElement> LoadScenarios()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "official-client-wire-capture.json")));
        return document.RootElement.GetProperty("scenarios").EnumerateArray()
            .ToDictionary(s => s.GetProperty("scenario").GetString()!, s => s.Clone(), StringComparer.Ordinal);
    }

    [GeneratedRegex("/[0-9a-f]{32}$")]
    private static partial Regex VersionId();

    private sealed record Exchange(string Method, string Path, string ApiVersion, bool HasBody, bool Bearer, int Status, HashSet<string> Headers)
    {
        public string Key => $"{Method} {Path}?{ApiVersion} body={HasBody} -> {Status}";
    }
}
