using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task Healthy_while_loads_succeed_degraded_while_reloads_fail_and_healthy_again_after_recovery()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var root = h.Build(o => o.ReloadInterval = ProviderHarness.Interval);
        var check = new SecretStoreConfigurationHealthCheck(root);

        var healthy = await check.CheckHealthAsync(new(), TestContext.Current.CancellationToken);
        h.Down();
        await h.TickAsync();
        await h.TickAsync();
        var degraded = await check.CheckHealthAsync(new(), TestContext.Current.CancellationToken);
        h.Up();
        await h.TickAsync();
        var recovered = await check.CheckHealthAsync(new(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(2, degraded.Data["mem.consecutiveFailures"]);
        Assert.Equal("Unavailable", degraded.Data["mem.error"]);
        Assert.Contains("'mem'", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Fact]
    public async Task An_optional_source_that_never_loaded_reports_the_registration_s_failure_status()
    {
        using var h = new ProviderHarness();
        h.Down();
        var root = h.Build(o => o.Optional = true);
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(root).BuildServiceProvider();
        var registration = SecretStoreConfigurationHealthCheck.CreateRegistration("secrets-configuration", HealthStatus.Degraded);
        var check = registration.Factory(services);

        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("never loaded", result.Description, StringComparison.Ordinal);
        Assert.Equal(1, result.Data["mem.consecutiveFailures"]);
    }

    [Fact]
    public void Providers_are_found_in_chained_configurations_too()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var inner = h.Build();
        var outer = new ConfigurationBuilder().AddConfiguration(inner).AddInMemoryCollection().Build();

        var found = SecretStoreConfigurationHealthCheck.FindProviders(outer);

        Assert.Same(h.Provider, Assert.Single(found));
    }

    [Fact]
    public void Providers_wrapped_by_AddSecretReferences_are_found()
    {
        using var h = new ProviderHarness();
        h.Set("a", "1");
        var builder = new ConfigurationBuilder().AddSecretStore(h.Recording, h.Configure);
        var root = builder.AddSecretReferences(new Dictionary<string, ISecretStore> { ["mem"] = h.Memory }, o => o.TimeProvider = h.Time).Build();

        var found = SecretStoreConfigurationHealthCheck.FindProviders(root);

        Assert.Equal("1", root["a"]);
        Assert.Equal("mem", Assert.Single(found).StoreName);
        ((IDisposable)root).Dispose();
    }
}
