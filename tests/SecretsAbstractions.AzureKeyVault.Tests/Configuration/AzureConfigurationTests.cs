using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.AzureKeyVault.Tests.Server;
using SecretsAbstractions.Testing;
using SecretsAbstractions.Tests.Configuration;

namespace SecretsAbstractions.AzureKeyVault.Tests.Configuration;

/// <summary>
/// <c>AddSecretStore</c> and <c>AddSecretReferences</c> over the Key Vault store (the real <c>SecretClient</c>) against
/// the Key Vault protocol test server.
/// </summary>
/// <remarks>What a reload costs on Azure: the store offers no change probe and Key Vault has no name filter, so every
/// reload lists the whole vault (<c>GET /secrets</c>, 25 items per page, following <c>nextLink</c>) and keeps the
/// secrets under the prefix client-side; the listing carries each secret's <c>updated</c> time, so an unchanged
/// secret is never read again. A changed one costs one <c>GET /secrets/{name}</c>. With
/// <see cref="SecretsAbstractions.Configuration.SecretStoreConfigurationOptions.SecretNames"/> (no listing) every
/// reload reads each name again, and notifies only when a value changed.</remarks>
public sealed class AzureConfigurationTests : IAsyncLifetime
{
    private const int NoiseSecrets = 27;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly ConfigurationHarness _harness;
    private KeyVaultHarness _vault = null!;
    private AzureKeyVaultSecretStore _store = null!;

    public AzureConfigurationTests() => _harness = new ConfigurationHarness(_clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KeyVaultTestServer Server => _vault.Server;

    public async ValueTask InitializeAsync()
    {
        // The server dates versions with the shared fake clock; the SDK's token handling uses its own.
        _vault = await KeyVaultHarness.StartAsync(_clock);
        _store = _vault.CreateStore(logger: _harness.LoggerFactory.CreateLogger<AzureKeyVaultSecretStore>(), timeProvider: _clock);
        await _store.SetSecretAsync("app/db/password", "pw", cancellationToken: Ct);
        await _store.SetSecretAsync("app/json", """{"user":"u","hosts":["a","b"]}""", cancellationToken: Ct);
        for (int i = 0; i < NoiseSecrets; i++)
        {
            Server.Seed($"other--noise{i:D2}", "x");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        await _vault.DisposeAsync();
    }

    [Fact]
    public void SecretsUnderThePrefixBecomeKeysAndAJsonObjectBecomesChildKeys()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");

        ConfigurationHarness.AssertSeededKeys(root);
    }

    [Fact]
    public async Task AnUnchangedStoreCostsAListingOfTheWholeVaultAndNoValueRead()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        var before = ConfigurationHarness.Snapshot(root);
        int vaultSecrets = 2 + NoiseSecrets;
        int pages = (vaultSecrets + 24) / 25;
        Assert.Equal(2, pages);

        for (int tick = 0; tick < 3; tick++)
        {
            int start = Server.Requests.Count;
            await _harness.TickAsync();

            Assert.Equal(Enumerable.Repeat("GET /secrets", pages), RequestsSince(start));
        }

        Assert.Equal(0, _harness.ChangeNotifications);
        Assert.Equal(before, ConfigurationHarness.Snapshot(root));
    }

    [Fact]
    public async Task WithSecretNamesAndNoChangeProbeEveryReloadReadsEachNameAgainButNotifiesNothing()
    {
        var root = _harness.Build(_store, o =>
        {
            o.Prefix = "app/";
            o.SecretNames.Add("app/db/password");
            o.SecretNames.Add("app/json");
        });
        int start = Server.Requests.Count;

        await _harness.TickAsync();

        Assert.Equal(["GET /secrets/app--db--password", "GET /secrets/app--json"], RequestsSince(start));
        Assert.Equal(0, _harness.ChangeNotifications);
        Assert.Equal("pw", root["db:password"]);
    }

    [Fact]
    public async Task ANewVersionWrittenThroughTheStoreIsSeenAfterTheNextTickWithOneChangeNotification()
    {
        var root = _harness.Build(_store, o => o.Prefix = "app/");
        _clock.Advance(TimeSpan.FromSeconds(1)); // Key Vault dates are whole seconds: the new version must be later.
        await _store.SetSecretAsync("app/db/password", "rotated", cancellationToken: Ct);
        int start = Server.Requests.Count;

        await _harness.TickAsync();

        Assert.Equal("rotated", root["db:password"]);
        Assert.Equal("u", root["json:user"]);
        Assert.Equal(1, _harness.ChangeNotifications);
        Assert.Equal(["GET /secrets", "GET /secrets", "GET /secrets/app--db--password"], RequestsSince(start));

        await _harness.TickAsync();
        Assert.Equal(1, _harness.ChangeNotifications);
    }

    [Fact]
    public void AReferenceInAnotherSourceResolvesThroughTheStoreMap()
    {
        int start = Server.Requests.Count;
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Db:Connection"] = "Server=db;User=${secret:secret://kv/app/json#user};Password=${secret:secret://kv/app/db/password};" })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["kv"] = _store }, o => (o.TimeProvider, o.LoggerFactory) = (_clock, _harness.LoggerFactory))
            .Build();
        using var disposable = root as IDisposable;

        Assert.Equal("Server=db;User=u;Password=pw;", root["Db:Connection"]);
        Assert.Equal(["GET /secrets/app--db--password", "GET /secrets/app--json"], RequestsSince(start));
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

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _store.SetSecretAsync("app/canary", canary + "-rotated", cancellationToken: Ct);
        await _harness.TickAsync();
        Assert.Equal(canary + "-rotated", root["canary"]);
        Server.FailNext(503, "ServiceUnavailable", "The service is unavailable.");
        await _harness.TickAsync(expectFailure: true);
        var references = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Resolved"] = "${secret:secret://kv/app/canary-json#password}",
                ["Unresolved"] = "${secret:secret://kv/app/canary-json#no-such-field}",
            })
            .AddSecretReferences(new Dictionary<string, ISecretStore> { ["kv"] = _store }, o => (o.TimeProvider, o.LoggerFactory, o.Optional) = (_clock, _harness.LoggerFactory, true))
            .Build();
        using var disposable = references as IDisposable;
        Assert.Equal(canary, references["Resolved"]);

        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "ReloadFailed");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.EventId.Name == "UnparsedJson");
        Assert.Contains(_harness.Logs.Records, r => r.Level == LogLevel.Warning && r.Category.Contains("SecretReference", StringComparison.Ordinal));
        RedactionAssert.NotInLogs(canary, _harness.Logs);
    }

    /// <summary>The requests since <paramref name="start"/> as "METHOD path" (without the query and a trailing
    /// <c>/</c>), sorted: reads run in parallel.</summary>
    private List<string> RequestsSince(int start) =>
        [.. Server.Requests.Skip(start).Select(r => r.Method + " " + r.Path.TrimEnd('/')).Order(StringComparer.Ordinal)];
}
