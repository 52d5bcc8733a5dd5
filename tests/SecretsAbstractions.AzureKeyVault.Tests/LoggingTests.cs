using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>What the store logs: failures with the portable code and Key Vault's status and code, inactive reads,
/// skipped names; never values.</summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private KeyVaultHarness _harness = null!;

    public LoggingTests() => _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        _loggerFactory.Dispose();
    }

    [Fact]
    public async Task Failures_inactive_reads_and_skipped_names_are_logged_by_event()
    {
        var store = _harness.CreateStore(logger: _loggerFactory.CreateLogger<AzureKeyVaultSecretStore>(), timeProvider: new FakeTimeProvider(Now));
        _harness.Server.Seed("expired", "expired-canary-text", expires: Now.AddDays(-1));
        _harness.Server.Seed("Odd---Name", "odd-canary-text");
        await _harness.WarmUpAsync(store);
        _harness.Server.ThrottleNext(1, retryAfterSeconds: 2);

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("busy", cancellationToken: Ct));
        await store.GetSecretAsync("expired", cancellationToken: Ct);
        await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);

        var records = _logs.Records;
        var failed = Assert.Single(records, r => r.EventId.Name == "RequestFailed");
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("Throttled", failed.Message, StringComparison.Ordinal);
        Assert.Contains("429", failed.Message, StringComparison.Ordinal);
        Assert.Contains(records, r => r.EventId.Name == "InactiveSecretRead" && r.Message.Contains("'expired'", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Name == "UnmappableNameSkipped" && r.Message.Contains("Odd---Name", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Contains("canary-text"));
    }
}
