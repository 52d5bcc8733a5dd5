using SecretsAbstractions.Resilience.Tests.Support;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class RateLimiterTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_beyond_the_quota_fail_with_Throttled_without_reaching_the_backend()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock);
        using var limiter = new CountingRateLimiter(permits: 2);
        var store = backend.Resilient(clock, options =>
        {
            Quiet.RetriesOnly(options, maxRetryAttempts: 0);
            options.RateLimiter = limiter;
        });

        Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal(CountingRateLimiter.Hint, error.RetryAfter);
        Assert.Equal(2, backend.Attempts);

        limiter.Refill(1);
        Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        Assert.Equal(3, backend.Attempts);
    }

    [Fact]
    public async Task A_refused_permit_is_retried_after_the_limiters_hint()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock);
        using var limiter = new CountingRateLimiter(permits: 2);
        var store = backend.Resilient(clock, options =>
        {
            Quiet.Backoff(options);
            options.RateLimiter = limiter;
        });
        await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken);
        await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync());
        limiter.Refill(1);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(await read);
        Assert.Equal(3, backend.Attempts);
    }

    [Fact]
    public async Task A_limiter_hint_beyond_the_total_timeout_fails_fast_as_a_plain_Throttled()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock);
        using var limiter = new CountingRateLimiter(permits: 0);
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = TimeSpan.FromMilliseconds(500);
            options.AttemptTimeout = null;
            options.RateLimiter = limiter;
        });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(typeof(SecretStoreException), error.GetType());
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(CountingRateLimiter.Hint, error.RetryAfter);
        Assert.Null(error.InnerException);
        Assert.Equal(0, backend.Attempts);
    }

    [Fact]
    public async Task Refused_permits_never_open_the_circuit()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock);
        using var limiter = new CountingRateLimiter(permits: 2);
        var store = backend.Resilient(clock, options =>
        {
            Quiet.RetriesOnly(options, maxRetryAttempts: 0);
            options.CircuitBreaker.Enabled = true;
            options.CircuitBreaker.MinimumThroughput = 2;
            options.CircuitBreaker.FailureRatio = 0.1;
            options.RateLimiter = limiter;
        });

        for (int i = 0; i < 20; i++)
        {
            try
            {
                await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken);
            }
            catch (SecretStoreException error)
            {
                Assert.Null(error.InnerException);
            }
        }

        limiter.Refill(1);
        Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        Assert.Equal(3, backend.Attempts);
    }
}
