using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;
using SecretsAbstractions.Tests.Configuration;

namespace SecretsAbstractions.HashiCorpVault.Tests.Configuration;

/// <summary>
/// <c>AddSecretStore</c> and <c>AddSecretReferences</c> over a KV v2 store against the Vault protocol test server.
/// Vault lists names only, so a reload lists each folder under the prefix and asks the change probe (the metadata
/// endpoint) about every secret held; it reads a value only when the probed version moved.
/// </summary>
public sealed class VaultConfigurationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly ConfigurationHarness _harness;
    private VaultTestServer _server = null!;
    private HashiCorpVaultSecretStore _store = null!;

    public VaultConfigurationTests() => _harness = new ConfigurationHarness(_clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync(_clock);
        _store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; }, _clock, _harness.Logs);
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
    public async Task AnUnchangedStoreCostsOneListPerFolderAndOneMetadataReadPerSecretAndNoValueRead()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        var before = ConfigurationHarness.Snapshot(root);

        for (int tick = 0; tick < 3; tick++)
        {
            int start = _server.Requests.Count;
            await _harness.TickAsync();

            Assert.Equal(
                [
                    "GET /v1/secret/metadata/app/db/password",
                    "GET /v1/secret/metadata/app/json",
                    "LIST /v1/secret/metadata/app/",
                    "LIST /v1/secret/metadata/app/db/",
                ],
                RequestsSince(start));
        }

        Assert.Equal(0, _harness.ChangeNotifications);
        Assert.Equal(before, ConfigurationHarness.Snapshot(root));
    }

    [Fact]
    public async Task WithSecretNamesAnUnchangedStoreCostsOneMetadataReadPerNameAndNoListing()
    {
        _harness.Build(_store, o =>
        {
            o.Prefix = "app/";
            o.SecretNames.Add("app/db/password");
            o.SecretNames.Add("app/json");
        });
        int start = _server.Requests.Count;

        await _harness.TickAsync();

        Assert.Equal(["GET /v1/secret/metadata/app/db/password", "GET /v1/secret/metadata/app/json"], RequestsSince(start));
        Assert.Equal(0, _harness.ChangeNotifications);
    }

    [Fact]
    public async Task ANewVersionWrittenThroughTheStoreIsSeenAfterTheNextTickWithOneChangeNotification()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        await _store.SetSecretAsync("app/db/password", "rotated", cancellationToken: Ct);
        int start = _server.Requests.Count;

        await _harness.TickAsync();

        Assert.Equal("rotated", root["db:password"]);
        Assert.Equal("u", root["json:user"]);
        Assert.Equal(1, _harness.ChangeNotifications);
        Assert.Equal(["GET /v1/secret/data/app/db/password"], RequestsSince(start).Where(r => r.Contains("/data/", StringComparison.Ordinal)));

        await _harness.TickAsync();
        Assert.Equal(1, _harness.ChangeNotifications);
    }

    [Fact]
    public void AReferenceInAnotherSourceResolvesThroughTheStoreMap()
    {
        int start = _server.Requests.Count;
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Db:Connection"] = "Server=db;User=${secret:secret://vault/app/json#user};Password=${secret:secret://vault/app/db/password};" })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["vault"] = _store }, o => (o.TimeProvider, o.LoggerFactory) = (_clock, _harness.LoggerFactory))
            .Build();
        using var disposable = root as IDisposable;

        Assert.Equal("Server=db;User=u;Password=pw;", root["Db:Connection"]);
        Assert.Equal(["GET /v1/secret/data/app/db/password", "GET /v1/secret/data/app/json"], RequestsSince(start));
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

        await _store.SetSecretAsync("app/canary", canary + "-rotated", cancellationToken: Ct);
        await _harness.TickAsync();
        Assert.Equal(canary + "-rotated", root["canary"]);
        _server.Sealed = true;
        await _harness.TickAsync(expectFailure: true);
        _server.Sealed = false;
        var references = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Resolved"] = "${secret:secret://vault/app/canary-json#password}",
                ["Unresolved"] = "${secret:secret://vault/app/canary-json#no-such-field}",
            })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["vault"] = _store }, o => (o.TimeProvider, o.LoggerFactory, o.Optional) = (_clock, _harness.LoggerFactory, true))
            .Build();
        using var disposable = references as IDisposable;
        Assert.Equal(canary, references["Resolved"]);

        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "ReloadFailed");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "UnparsedJson");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.Category.Contains("SecretReference", StringComparison.Ordinal));
        RedactionAssert.NotInLogs(canary, _harness.Logs);
    }

    /// <summary>The requests since <paramref name="start"/> as "METHOD path", sorted (reads and probes run in parallel).</summary>
    private List<string> RequestsSince(int start) =>
        [.. _server.Requests.Skip(start).Select(r => r.Method + " " + r.RawTarget.Split('?')[0]).Order(StringComparer.Ordinal)];
}
