using Polly.Timeout;
using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class TimeoutTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_attempt_that_runs_out_of_time_is_retried_then_surfaces_as_Timeout()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) });
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = null;
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.CircuitBreaker.Enabled = false;
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.BaseDelay = TimeSpan.Zero;
            options.Retry.MaxDelay = TimeSpan.Zero;
        });

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextTimerAsync());
        Assert.Equal(TimeSpan.FromMinutes(1), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextTimerAsync());
        Assert.Equal(TimeSpan.FromMinutes(1), await clock.NextTimerAsync());
        Assert.Equal(2, backend.Attempts);
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
        Assert.Equal("backend", error.StoreName);
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task The_total_timeout_bounds_every_attempt_and_delay()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = TimeSpan.FromSeconds(3);
            options.AttemptTimeout = null;
            options.CircuitBreaker.Enabled = false;
            options.Retry.UseJitter = false;
        });

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(3), await clock.NextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(4), await clock.NextTimerAsync());
        Assert.Equal(2, backend.Attempts);
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) });
        var store = backend.Resilient(clock);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.IsNotType<TimeoutRejectedException>(error);
    }
}
