using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class RetryAfterBudgetTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RetryAfter_beyond_the_total_timeout_fails_at_once_with_Throttled_carrying_the_delay()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { ThrottleRate = 1, RetryAfter = TimeSpan.FromSeconds(60) });
        var store = backend.Resilient(clock, options => options.TotalTimeout = TimeSpan.FromSeconds(30));

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        Assert.True(read.IsCompleted, "The read must fail without waiting on the clock.");
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
        Assert.Equal(1, backend.Attempts);
    }

    [Fact]
    public async Task An_Unavailable_failure_with_a_long_RetryAfter_also_fails_fast_as_Throttled()
    {
        var clock = new ObservedClock();
        var unavailable = new SecretStoreException(SecretStoreErrorCode.Unavailable, "503") { RetryAfter = TimeSpan.FromMinutes(5) };
        var scripted = new ScriptedFailureStore(new InMemorySecretStore(), unavailable);
        var store = scripted.AsBuilder().UseResilience(options => options.TimeProvider = clock).Build();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(5), error.RetryAfter);
        Assert.Same(unavailable, error.InnerException);
        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task A_RetryAfter_that_fits_is_waited_and_the_next_one_that_no_longer_fits_fails_fast()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { ThrottleRate = 1, RetryAfter = TimeSpan.FromSeconds(6) });
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = TimeSpan.FromSeconds(10);
            options.AttemptTimeout = null;
        });

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(6), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(6), error.RetryAfter);
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task Without_retries_left_the_backend_error_is_returned_as_it_is()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = SecretStoreErrorCode.Throttled, RetryAfter = TimeSpan.FromMinutes(2) });
        var store = backend.Resilient(clock, options => options.Retry.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Null(error.InnerException);
        Assert.Equal(1, backend.Attempts);
    }
}
