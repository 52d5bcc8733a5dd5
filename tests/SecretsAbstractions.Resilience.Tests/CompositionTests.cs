using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class CompositionTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_clock_registered_in_the_services_drives_the_pipeline()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSecretStore(backend.Recording).UseResilience(Quiet.Backoff);
        await using var provider = services.BuildServiceProvider();

        var read = provider.GetRequiredService<ISecretStore>().GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.NotNull(await read);
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task The_decorated_store_keeps_its_metadata_and_answers_for_itself()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock);
        var store = backend.Resilient(clock);

        Assert.Equal("backend", store.GetMetadata().StoreName);
        Assert.Same(store, store.GetService(typeof(ISecretStore)));
        Assert.NotNull(store.GetWriter());
    }

    [Fact]
    public async Task An_open_circuit_makes_the_health_check_unhealthy_without_reaching_the_backend()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = null;
            options.AttemptTimeout = null;
            options.Retry.MaxRetryAttempts = 0;
            options.CircuitBreaker.MinimumThroughput = 2;
            options.CircuitBreaker.FailureRatio = 0.5;
        });
        for (int i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        }

        var check = new SecretStoreHealthCheck(store);
        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("secrets", check, null, null) }, CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Unavailable", result.Data["error"]);
        Assert.Equal(2, backend.Attempts);
    }
}
