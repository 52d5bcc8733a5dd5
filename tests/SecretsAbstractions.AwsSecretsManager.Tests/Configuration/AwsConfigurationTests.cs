using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.AwsSecretsManager.Tests.Conformance;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;
using SecretsAbstractions.Testing;
using SecretsAbstractions.Tests.Configuration;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Configuration;

/// <summary>
/// <c>AddSecretStore</c> and <c>AddSecretReferences</c> over the AWS store against the Secrets Manager protocol test
/// server. ListSecrets reports each secret's LastChangedDate, so a reload of an unchanged store is the listing alone;
/// values are read with BatchGetSecretValue, 20 per call.
/// </summary>
/// <remarks>The server checks SigV4 dates (signed with the system clock by the AWS SDK) against its own clock, so it
/// keeps a clock of its own near the real time, moved only to give a rotation a later LastChangedDate; the reload
/// timer runs on the harness's clock.</remarks>
public sealed class AwsConfigurationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _serverClock = new(DateTimeOffset.UtcNow);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly ConfigurationHarness _harness;
    private SecretsManagerTestServer _server = null!;
    private AwsSecretsManagerSecretStore _store = null!;

    public AwsConfigurationTests() => _harness = new ConfigurationHarness(_clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SecretsManagerTestServer.StartAsync(_serverClock);
        _store = TestStores.Create(_server, _harness.LoggerFactory.CreateLogger<AwsSecretsManagerSecretStore>());
        await ConfigurationHarness.SeedAsync(_store, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void SecretsUnderThePrefixBecomeKeysAndAJsonObjectBecomesChildKeys()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");

        ConfigurationHarness.AssertSeededKeys(root);
    }

    [Fact]
    public async Task AnUnchangedStoreCostsOneListSecretsPageAndNoValueRead()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        var before = ConfigurationHarness.Snapshot(root);

        for (int tick = 0; tick < 3; tick++)
        {
            int start = _server.Operations.Count;
            await _harness.TickAsync();

            Assert.Equal(["ListSecrets"], _server.Operations.Skip(start));
        }

        Assert.Equal(0, _harness.ChangeNotifications);
        Assert.Equal(before, ConfigurationHarness.Snapshot(root));
    }

    [Fact]
    public async Task WithSecretNamesAnUnchangedStoreCostsOneDescribeSecretPerNameAndNoValueRead()
    {
        _harness.Build(_store, o =>
        {
            o.Prefix = "app/";
            o.SecretNames.Add("app/db/password");
            o.SecretNames.Add("app/json");
        });
        int start = _server.Operations.Count;

        await _harness.TickAsync();

        Assert.Equal(["DescribeSecret", "DescribeSecret"], _server.Operations.Skip(start));
        Assert.Equal(["app/db/password", "app/json"], _server.SecretIds.Skip(_server.SecretIds.Count - 2).Order(StringComparer.Ordinal));
        Assert.Equal(0, _harness.ChangeNotifications);
    }

    [Fact]
    public async Task ANewVersionWrittenThroughTheStoreIsSeenAfterTheNextTickWithOneChangeNotification()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        _serverClock.Advance(TimeSpan.FromSeconds(1));
        await _store.SetSecretAsync("app/db/password", "rotated", cancellationToken: Ct);
        int start = _server.Operations.Count;

        await _harness.TickAsync();

        Assert.Equal("rotated", root["db:password"]);
        Assert.Equal("u", root["json:user"]);
        Assert.Equal(1, _harness.ChangeNotifications);
        Assert.Equal(["ListSecrets", "BatchGetSecretValue"], _server.Operations.Skip(start));

        await _harness.TickAsync();
        Assert.Equal(1, _harness.ChangeNotifications);
    }

    [Fact]
    public void AColdLoadOf200SecretsReadsThemWithAtMostTenBatchGetSecretValueCalls()
    {
        for (int i = 0; i < 200; i++)
        {
            _server.State.Handle("CreateSecret", new JsonObject
            {
                ["Name"] = string.Create(CultureInfo.InvariantCulture, $"bulk/s{i:D3}"),
                ["SecretString"] = string.Create(CultureInfo.InvariantCulture, $"v{i}"),
                ["ClientRequestToken"] = Guid.NewGuid().ToString(),
            });
        }

        int start = _server.Operations.Count;

        var root = _harness.Build(_store, o => o.Prefix = "bulk/");

        var operations = _server.Operations.Skip(start).ToList();
        Assert.Equal(2, operations.Count(o => o == "ListSecrets")); // 100 per page
        Assert.InRange(operations.Count(o => o == "BatchGetSecretValue"), 1, 10);
        Assert.Equal(operations.Count, operations.Count(o => o is "ListSecrets" or "BatchGetSecretValue"));
        Assert.Equal(200, root.AsEnumerable().Count(p => p.Value is not null));
        Assert.Equal("v0", root["s000"]);
        Assert.Equal("v199", root["s199"]);
    }

    [Fact]
    public void AReferenceInAnotherSourceResolvesThroughTheStoreMapWithOneBatchRead()
    {
        int start = _server.Operations.Count;
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Db:Connection"] = "Server=db;User=${secret:secret://aws/app/json#user};Password=${secret:secret://aws/app/db/password};" })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["aws"] = _store }, o => (o.TimeProvider, o.LoggerFactory) = (_clock, _harness.LoggerFactory))
            .Build();
        using var disposable = root as IDisposable;

        Assert.Equal("Server=db;User=u;Password=pw;", root["Db:Connection"]);
        Assert.Equal(["BatchGetSecretValue"], _server.Operations.Skip(start));
    }

    [Fact]
    public async Task ACanaryValueNeverAppearsInTheLogsOfLoadsReloadsFailuresAndReferences()
    {
        string canary = RedactionAssert.NewCanary();
        await _store.SetSecretAsync("app/canary", canary, cancellationToken: Ct);
        await _store.SetSecretAsync("app/canary-json", $$"""{"password":"{{canary}}"}""", cancellationToken: Ct);
        await _store.SetSecretAsync("app/broken-json", "{\"password\": \"" + canary + "\"", cancellationToken: Ct);
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        Assert.Equal(canary, root["canary"]);
        Assert.Equal(canary, root["canary-json:password"]);

        _serverClock.Advance(TimeSpan.FromSeconds(1));
        await _store.SetSecretAsync("app/canary", canary + "-rotated", cancellationToken: Ct);
        await _harness.TickAsync();
        Assert.Equal(canary + "-rotated", root["canary"]);
        _server.ThrottleNext(1);
        await _harness.TickAsync(expectFailure: true);
        var references = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Resolved"] = "${secret:secret://aws/app/canary-json#password}",
                ["Unresolved"] = "${secret:secret://aws/app/canary-json#no-such-field}",
            })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["aws"] = _store }, o => (o.TimeProvider, o.LoggerFactory, o.Optional) = (_clock, _harness.LoggerFactory, true))
            .Build();
        using var disposable = references as IDisposable;
        Assert.Equal(canary, references["Resolved"]);

        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "ReloadFailed");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "UnparsedJson");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.Category.Contains("SecretReference", StringComparison.Ordinal));
        RedactionAssert.NotInLogs(canary, _harness.Logs);
    }

}
