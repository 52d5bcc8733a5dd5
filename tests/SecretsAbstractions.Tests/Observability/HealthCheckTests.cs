using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Observability;

public sealed class HealthCheckTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_whose_probe_listing_succeeds_is_healthy()
    {
        var canary = await Canary.CreateAsync();

        var result = await CheckAsync(new SecretStoreHealthCheck(canary.Chaos));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(canary.StoreName, result.Data["store"]);
        Assert.Equal("InMemory", result.Data["provider"]);
        Assert.False(result.Data.ContainsKey("error"));
    }

    [Fact]
    public async Task A_probe_read_of_a_missing_secret_still_proves_the_store_serves()
    {
        var canary = await Canary.CreateAsync();
        var check = new SecretStoreHealthCheck(canary.Chaos, new SecretStoreHealthCheckOptions { ProbeSecretName = "health/probe" });

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, canary.Chaos.DisturbedCallCount);
    }

    [Fact]
    public async Task The_listing_probe_reads_only_under_its_prefix()
    {
        var canary = await Canary.CreateAsync();
        var recording = new RecordingSecretStore(canary.Chaos);

        await CheckAsync(new SecretStoreHealthCheck(recording, new SecretStoreHealthCheckOptions { ProbePrefix = "health/" }));

        var call = Assert.Single(recording.Calls);
        Assert.Equal(SecretStoreOperations.ListSecrets, call.Operation);
        Assert.Equal("health/", call.Prefix);
    }

    [Fact]
    public async Task A_store_that_cannot_serve_is_unhealthy_and_says_why_without_naming_the_secret()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureRate = 1 });
        var check = new SecretStoreHealthCheck(canary.Chaos, new SecretStoreHealthCheckOptions { ProbeSecretName = Canary.SecretName });

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Unavailable", result.Data["error"]);
        Assert.Null(result.Exception);
        Canary.AssertAbsent(result.Description, "the health description");
        Assert.Contains(canary.StoreName, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registrations_failure_status_is_used_when_the_store_cannot_serve()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureRate = 1 });

        var result = await CheckAsync(new SecretStoreHealthCheck(canary.Chaos), failureStatus: HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task Serving_stale_values_is_degraded_whether_or_not_the_probe_succeeds()
    {
        var canary = await Canary.CreateAsync();
        var stale = new StaleStore(canary.Chaos) { Staleness = new SecretStoreStaleness(3, TimeSpan.FromMinutes(4)) };

        var served = await CheckAsync(new SecretStoreHealthCheck(stale));
        canary.Chaos.Options.FailureRate = 1;
        var failing = await CheckAsync(new SecretStoreHealthCheck(stale));

        Assert.Equal(HealthStatus.Degraded, served.Status);
        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Equal(3, failing.Data["staleEntries"]);
        Assert.Equal(TimeSpan.FromMinutes(4), failing.Data["maxStaleness"]);
        Assert.Equal("Unavailable", failing.Data["error"]);
    }

    [Fact]
    public async Task When_nothing_is_stale_any_more_a_failing_store_is_unhealthy_and_a_recovered_one_healthy()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureRate = 1 });
        var stale = new StaleStore(canary.Chaos) { Staleness = new SecretStoreStaleness(1, TimeSpan.FromMinutes(1)) };
        var check = new SecretStoreHealthCheck(stale);

        var degraded = await CheckAsync(check);
        stale.Staleness = SecretStoreStaleness.None;
        var unhealthy = await CheckAsync(check);
        canary.Chaos.Options.FailureRate = 0;
        var healthy = await CheckAsync(check);

        Assert.Equal([HealthStatus.Degraded, HealthStatus.Unhealthy, HealthStatus.Healthy], [degraded.Status, unhealthy.Status, healthy.Status]);
    }

    [Fact]
    public async Task The_staleness_source_is_found_through_decorators()
    {
        var canary = await Canary.CreateAsync();
        var stale = new StaleStore(canary.Chaos) { Staleness = new SecretStoreStaleness(2, TimeSpan.FromSeconds(90)) };
        var decorated = stale.AsBuilder().UseLogging().UseOpenTelemetry().Build();

        var result = await CheckAsync(new SecretStoreHealthCheck(decorated));

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task Cancellation_of_the_check_is_not_reported_as_unhealthy()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var check = new SecretStoreHealthCheck(canary.Chaos);

        var result = check.CheckHealthAsync(Context(check, null), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result);
    }

    [Fact]
    public async Task A_registration_checks_the_keyed_store_from_the_services()
    {
        var canary = await Canary.CreateAsync(new ChaosSecretStoreOptions { FailureRate = 1 });
        var services = new ServiceCollection();
        services.AddSecretStore(new InMemorySecretStore());
        services.AddKeyedSecretStore("vault", canary.Chaos);
        await using var provider = services.BuildServiceProvider();

        var keyed = SecretStoreHealthCheck.CreateRegistration("secrets-vault", storeKey: "vault", tags: ["secrets"]);
        var unkeyed = SecretStoreHealthCheck.CreateRegistration("secrets");

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(keyed.Factory(provider), keyed)).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(unkeyed.Factory(provider), unkeyed)).Status);
        Assert.Contains("secrets", keyed.Tags);
    }

    private static Task<HealthCheckResult> CheckAsync(SecretStoreHealthCheck check, HealthStatus? failureStatus = null) =>
        check.CheckHealthAsync(Context(check, failureStatus), CancellationToken);

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check, HealthCheckRegistration registration) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, CancellationToken);

    private static HealthCheckContext Context(SecretStoreHealthCheck check, HealthStatus? failureStatus) =>
        new() { Registration = new HealthCheckRegistration("secrets", check, failureStatus, tags: null) };

    /// <summary>Stands in for a caching decorator that serves stale values.</summary>
    private sealed class StaleStore(ISecretStore inner) : DelegatingSecretStore(inner), ISecretStoreStalenessSource
    {
        public SecretStoreStaleness Staleness { get; set; }

        public SecretStoreStaleness GetStaleness() => Staleness;
    }
}
