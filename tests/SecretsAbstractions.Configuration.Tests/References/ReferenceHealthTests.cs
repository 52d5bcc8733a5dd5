using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.References;

public sealed class ReferenceHealthTests : ReferenceTest
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Healthy_while_every_reference_resolves()
    {
        await SetAsync("a", Canary);
        var config = Build(Pairs(("A", "${secret:secret://vault/a}"), ("B", "x${secret:secret://vault/a}y${secret:secret://vault/a}")));

        var result = await CheckAsync(config);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(3, result.Data["references"]);
        Assert.Equal(0, result.Data["failedReferences"]);
        AssertSafe(result);
    }

    [Fact]
    public async Task Degraded_while_keys_keep_last_good_values_and_healthy_again_after_recovery()
    {
        await SetAsync("db", Canary);
        var chaos = new ChaosSecretStore(new ProbeHidingStore(Backend), new ChaosSecretStoreOptions { FailureRate = 0 });
        Stores["flaky"] = chaos;
        var config = Build(Pairs(("Db:Password", "${secret:secret://flaky/db}")), o => (o.ReloadInterval, o.ReloadJitter) = (Interval, TimeSpan.Zero));

        chaos.Options.FailureRate = 1;
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;
        var outage = await CheckAsync(config);

        chaos.Options.FailureRate = 0;
        Time.Advance(Interval);
        await ProviderOf(config).WhenIdle;
        var recovered = await CheckAsync(config);

        Assert.Equal(HealthStatus.Degraded, outage.Status);
        Assert.Equal(1, outage.Data["staleKeys"]);
        AssertSafe(outage);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Fact]
    public async Task A_reference_that_never_resolved_reports_the_failure_status()
    {
        var config = Build(Pairs(("Db:Password", "${secret:secret://vault/missing}")), o => o.Optional = true);

        var result = await CheckAsync(config, HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(1, result.Data["unresolvedKeys"]);
        AssertSafe(result);
    }

    [Fact]
    public async Task Reference_sources_inside_a_chained_configuration_are_found()
    {
        var inner = Build(Pairs(("Db:Password", "${secret:secret://vault/missing}")), o => o.Optional = true);
        var outer = new ConfigurationBuilder().AddConfiguration(inner, shouldDisposeConfiguration: false).Build();

        var result = await CheckAsync(outer);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static Task<HealthCheckResult> CheckAsync(IConfiguration configuration, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var check = new SecretReferenceHealthCheck(configuration);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("refs", check, failureStatus, null) };
        return check.CheckHealthAsync(context, Ct);
    }

    private static void AssertSafe(HealthCheckResult result)
    {
        string text = (result.Description ?? string.Empty) + string.Join(";", result.Data.Select(d => $"{d.Key}={d.Value}"));
        Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Db:Password", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret://", text, StringComparison.Ordinal);
    }
}
