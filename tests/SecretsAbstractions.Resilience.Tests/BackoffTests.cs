using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class BackoffTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retries_wait_an_exponential_backoff_on_the_clock()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, Quiet.Backoff);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        foreach (var (delay, attemptsSoFar) in new[] { (2, 1), (4, 2), (8, 3) })
        {
            Assert.Equal(TimeSpan.FromSeconds(delay), await clock.NextTimerAsync());
            Assert.Equal(attemptsSoFar, backend.Attempts);
            clock.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromTicks(1));
            Assert.Equal(attemptsSoFar, backend.Attempts);
            clock.Advance(TimeSpan.FromTicks(1));
        }

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Equal(4, backend.Attempts);
    }

    [Fact]
    public async Task Backoff_never_exceeds_the_maximum_delay()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, options =>
        {
            Quiet.Backoff(options);
            options.Retry.MaxRetryAttempts = 3;
            options.Retry.BaseDelay = TimeSpan.FromSeconds(2);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        });

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        var delays = new List<TimeSpan>();
        for (int i = 0; i < 3; i++)
        {
            var delay = await clock.NextTimerAsync();
            delays.Add(delay);
            clock.Advance(delay);
        }

        await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5)], delays);
    }

    [Fact]
    public async Task Jittered_backoff_stays_between_zero_and_the_maximum_delay()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, options =>
        {
            Quiet.Backoff(options);
            options.Retry.UseJitter = true;
            options.Retry.MaxRetryAttempts = 6;
        });

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        for (int i = 0; i < 6; i++)
        {
            var delay = await clock.NextTimerAsync();
            Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(30));
            clock.Advance(delay);
        }

        await Assert.ThrowsAsync<SecretStoreException>(() => read);
        Assert.Equal(7, backend.Attempts);
    }

    [Fact]
    public async Task RetryAfter_replaces_the_backoff()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Throttled }, RetryAfter = TimeSpan.FromSeconds(7) });
        var store = backend.Resilient(clock, Quiet.Backoff);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        Assert.Equal(TimeSpan.FromSeconds(7), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Equal(1, backend.Attempts);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(Backend.CanaryValue, (await read)!.Value.RevealString());
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task RetryAfter_longer_than_the_maximum_backoff_is_still_honoured()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Throttled }, RetryAfter = TimeSpan.FromSeconds(45) });
        var store = backend.Resilient(clock, Quiet.Backoff);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken).AsTask();

        Assert.Equal(TimeSpan.FromSeconds(45), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.NotNull(await read);
    }
}
