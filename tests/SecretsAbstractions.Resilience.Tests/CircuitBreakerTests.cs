using Polly.CircuitBreaker;
using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class CircuitBreakerTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Against_a_backend_failing_every_call_the_circuit_opens_and_calls_no_longer_reach_it()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, Breaker);

        for (int i = 0; i < 10; i++)
        {
            var failure = await ReadFailureAsync(store);
            Assert.Equal(SecretStoreErrorCode.Unavailable, failure.ErrorCode);
        }

        Assert.Equal(10, backend.Attempts);

        for (int i = 0; i < 100; i++)
        {
            var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
            Assert.True(read.IsCompleted, "A call into an open circuit fails at once, without waiting on anything.");
            var refused = await Assert.ThrowsAsync<SecretStoreException>(() => read);
            Assert.Equal(SecretStoreErrorCode.Unavailable, refused.ErrorCode);
            Assert.True(refused.IsTransient);
            Assert.IsType<BrokenCircuitException>(refused.InnerException, exactMatch: false);
            Assert.NotNull(refused.RetryAfter);
            Assert.InRange(refused.RetryAfter.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(10, backend.Attempts);
    }

    [Fact]
    public async Task With_the_default_breaker_the_circuit_opens_after_the_minimum_throughput()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var defaults = new SecretStoreCircuitBreakerOptions();
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = null;
            options.AttemptTimeout = null;
            options.Retry.MaxRetryAttempts = 0;
        });

        for (int i = 0; i < defaults.MinimumThroughput; i++)
        {
            await ReadFailureAsync(store);
        }

        var refused = await ReadFailureAsync(store);
        Assert.IsType<BrokenCircuitException>(refused.InnerException, exactMatch: false);
        Assert.Equal(defaults.MinimumThroughput, backend.Attempts);
    }

    [Fact]
    public async Task After_the_break_a_trial_call_reaches_the_backend_and_a_recovered_backend_closes_the_circuit()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, Breaker);
        for (int i = 0; i < 11; i++)
        {
            await ReadFailureAsync(store);
        }

        Assert.Equal(10, backend.Attempts);
        backend.Options.FailureRate = 0;
        clock.Advance(TimeSpan.FromSeconds(5));

        for (int i = 0; i < 5; i++)
        {
            Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        }

        Assert.Equal(15, backend.Attempts);
    }

    [Fact]
    public async Task Permanent_failures_do_not_open_the_circuit()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = SecretStoreErrorCode.AccessDenied });
        var store = backend.Resilient(clock, Breaker);

        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(SecretStoreErrorCode.AccessDenied, (await ReadFailureAsync(store)).ErrorCode);
        }

        Assert.Equal(30, backend.Attempts);
    }

    [Fact]
    public async Task Writes_share_the_circuit_of_reads()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, Breaker);
        for (int i = 0; i < 10; i++)
        {
            await ReadFailureAsync(store);
        }

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("app/new", "value", cancellationToken: CancellationToken));

        Assert.IsType<BrokenCircuitException>(error.InnerException, exactMatch: false);
        Assert.Equal(0, backend.Recording.GetCallCount(SecretStoreOperations.SetSecret));
    }

    private static void Breaker(SecretStoreResilienceOptions options)
    {
        options.TotalTimeout = null;
        options.AttemptTimeout = null;
        options.Retry.MaxRetryAttempts = 0;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 10;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
    }

    private static async Task<SecretStoreException> ReadFailureAsync(ISecretStore store) =>
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
}
