using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecretsAbstractions.Caching.Tests;

public sealed class FailSafeTests : CacheTest
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Backend_down_for_ten_minutes_serves_the_last_good_value_until_max_staleness_then_fails_then_recovers()
    {
        Backend.Set(Name, "good");
        var recording = new RecordingSecretStore(Backend);
        var chaos = new ChaosSecretStore(recording, new ChaosSecretStoreOptions(), Time);
        using var store = new CachingSecretStore(chaos, Options, Time);
        var health = new SecretStoreHealthCheck(store, new SecretStoreHealthCheckOptions { ProbeSecretName = Name });
        Assert.Equal("good", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        chaos.Options.FailureRate = 1;
        var expiry = Options.TimeToLive;
        var staleLimit = Options.TimeToLive + Options.MaxStaleness;
        long staleAttempts = 0;

        for (var elapsed = Step; elapsed < TimeSpan.FromMinutes(10); elapsed += Step)
        {
            Time.Advance(Step);
            long attemptsBefore = chaos.InjectedFailureCount;
            if (elapsed < staleLimit)
            {
                Assert.Equal("good", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
                var info = store.GetEntryInfo(Name)!.Value;
                var statistics = store.GetStatistics();
                Assert.Equal(elapsed > expiry ? elapsed - expiry : TimeSpan.Zero, info.Staleness);
                Assert.Equal(elapsed >= expiry ? 1 : 0, statistics.StaleEntryCount);
                Assert.Equal(0, statistics.FailingEntryCount);
                staleAttempts += chaos.InjectedFailureCount - attemptsBefore;
                Assert.Equal(elapsed >= expiry ? new SecretStoreStaleness(1, elapsed - expiry) : SecretStoreStaleness.None, store.GetStaleness());
                Assert.Equal(elapsed >= expiry ? HealthStatus.Degraded : HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
            }
            else
            {
                var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: Ct));
                Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
                Assert.Equal(1, chaos.InjectedFailureCount - attemptsBefore);
                var statistics = store.GetStatistics();
                Assert.Equal(0, statistics.StaleEntryCount);
                Assert.Equal(1, statistics.FailingEntryCount);
                Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
            }
        }

        // While serving stale, the backend is tried once per FailSafeRetryInterval: at 1:00, 1:30, ... 5:30.
        Assert.Equal(10, staleAttempts);
        Assert.Equal(1, recording.CallCounts[SecretStoreOperations.GetSecret]);

        chaos.Options.FailureRate = 0;
        Time.Advance(Step);
        Assert.Equal("good", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(2, recording.CallCounts[SecretStoreOperations.GetSecret]);
        var recovered = store.GetStatistics();
        Assert.Equal(0, recovered.StaleEntryCount);
        Assert.Equal(0, recovered.FailingEntryCount);
        Assert.Equal(TimeSpan.Zero, store.GetEntryInfo(Name)!.Value.Staleness);
        Assert.Null(store.GetEntryInfo(Name)!.Value.LastErrorCode);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
    }

    [Fact]
    public async Task A_longer_retry_after_from_the_backend_is_honoured()
    {
        Backend.Set(Name, "good");
        var failing = new FailingSwitch(Backend);
        using var store = new CachingSecretStore(failing, Options, Time);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        failing.Error = new SecretStoreException(SecretStoreErrorCode.Throttled, "Slow down.") { RetryAfter = TimeSpan.FromMinutes(2) };

        Time.Advance(Options.TimeToLive);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Assert.Equal(1, failing.Failures);

        Time.Advance(TimeSpan.FromSeconds(1));
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Assert.Equal(2, failing.Failures);
        Assert.Equal(SecretStoreErrorCode.Throttled, store.GetEntryInfo(Name)!.Value.LastErrorCode);
    }

    [Theory]
    [InlineData(SecretStoreErrorCode.AccessDenied)]
    [InlineData(SecretStoreErrorCode.Disabled)]
    public async Task A_failure_that_is_not_transient_is_never_hidden_by_a_stale_value(SecretStoreErrorCode code)
    {
        Backend.Set(Name, "good");
        var failing = new FailingSwitch(Backend);
        using var store = new CachingSecretStore(failing, Options, Time);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        failing.Error = new SecretStoreException(code, "No.");
        Time.Advance(Options.TimeToLive);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: Ct));

        Assert.Equal(code, error.ErrorCode);
        Assert.Null(store.GetEntryInfo(Name));
        Assert.Equal(1, store.GetStatistics().FailingEntryCount);
    }

    [Fact]
    public async Task A_request_the_backend_refuses_leaves_nothing_behind()
    {
        using var store = new CachingSecretStore(new InMemorySecretStore(), Options, Time);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, SecretVersion.FromStage("AWSPREVIOUS"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
        var statistics = store.GetStatistics();
        Assert.Equal(0, statistics.EntryCount);
        Assert.Equal(0, statistics.FailingEntryCount);
    }

    [Fact]
    public async Task With_refresh_ahead_a_failing_backend_is_ridden_out_without_waiting_until_max_staleness()
    {
        Options.RefreshAheadThreshold = 0.5;
        Backend.Set(Name, "good");
        var failing = new FailingSwitch(Backend) { Error = null };
        using var store = new CachingSecretStore(failing, Options, Time);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        failing.Error = new SecretStoreException(SecretStoreErrorCode.Timeout, "Too slow.");

        Time.Advance(Options.TimeToLive + TimeSpan.FromMinutes(1));
        var stale = store.GetSecretAsync(Name, cancellationToken: Ct).AsTask();
        Assert.True(stale.IsCompletedSuccessfully);
        Assert.Equal("good", (await stale)!.Value.RevealString());
        await store.Cache.WhenLoaded(Name, SecretVersion.Latest).WaitAsync(Ct);
        Assert.Equal(1, failing.Failures);
        Assert.Equal(1, store.GetStatistics().StaleEntryCount);

        Time.Advance(Options.MaxStaleness);
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: Ct));
    }

    /// <summary>Passes reads to the backend, or fails them with <see cref="Error"/> when it is set.</summary>
    private sealed class FailingSwitch(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        private int _failures;

        public SecretStoreException? Error { get; set; }

        public int Failures => _failures;

        public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
        {
            if (Error is { } error)
            {
                Interlocked.Increment(ref _failures);
                return ValueTask.FromException<Secret?>(error);
            }

            return base.GetSecretAsync(name, version, cancellationToken);
        }
    }
}
