using Microsoft.Extensions.DependencyInjection;
using Polly;
using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class RegistryTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pipeline_registered_by_name_protects_the_store()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddResiliencePipeline("secrets", pipeline => pipeline.AddSecretStoreResilience(new SecretStoreResilienceOptions
        {
            TotalTimeout = null,
            AttemptTimeout = null,
            Retry = { MaxRetryAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
            CircuitBreaker = { Enabled = false },
        }));
        services.AddSecretStore(backend.Recording).UseResilience("secrets");
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ISecretStore>();
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Equal(3, backend.Attempts);
    }

    [Fact]
    public void A_named_pipeline_without_a_registry_fails_when_the_store_is_built()
    {
        var builder = new InMemorySecretStore().AsBuilder().UseResilience("secrets");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("AddResiliencePipeline(\"secrets\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_of_any_pipeline_surface_as_Timeout()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) });
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(TimeSpan.FromSeconds(1)).Build();
        var store = backend.Recording.AsBuilder().UseResilience(pipeline, clock).Build();

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
    }
}
