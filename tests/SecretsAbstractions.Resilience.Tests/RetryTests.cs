using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class RetryTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    public static TheoryData<SecretStoreErrorCode> AllCodes => [.. Enum.GetValues<SecretStoreErrorCode>()];

    [Theory]
    [MemberData(nameof(AllCodes))]
    public async Task Exactly_the_transient_codes_are_retried(SecretStoreErrorCode code)
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = code, RetryAfter = null });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options, maxRetryAttempts: 3));

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(code, error.ErrorCode);
        bool transient = code is SecretStoreErrorCode.Throttled or SecretStoreErrorCode.Unavailable or SecretStoreErrorCode.Timeout;
        Assert.Equal(transient ? 4 : 1, backend.Attempts);
    }

    [Theory]
    [InlineData(SecretStoreErrorCode.NotFound)]
    [InlineData(SecretStoreErrorCode.AccessDenied)]
    [InlineData(SecretStoreErrorCode.Unauthenticated)]
    [InlineData(SecretStoreErrorCode.InvalidName)]
    public async Task Permanent_failures_are_not_retried_even_with_retries_to_spare(SecretStoreErrorCode code)
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1, FailureCode = code });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options, maxRetryAttempts: 10));

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(1, backend.Attempts);
    }

    [Fact]
    public async Task A_transient_failure_then_success_returns_the_secret_after_one_retry()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));

        var secret = await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken);

        Assert.Equal(Backend.CanaryValue, secret!.Value.RevealString());
        Assert.Equal(2, backend.Attempts);
    }

    [Fact]
    public async Task A_change_probe_is_retried_like_a_read()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));

        var latest = await store.GetService<ISecretChangeProbe>()!.GetLatestPropertiesAsync(Backend.SecretName, CancellationToken);

        Assert.Equal("1", latest?.Version);
        Assert.Equal(2, backend.Recording.GetCallCount(SecretStoreOperations.GetLatestProperties));
    }

    [Fact]
    public async Task A_failure_the_adapter_already_retried_is_not_retried_again()
    {
        // The rule against multiplied retries: an adapter that retried with its SDK reports isTransient: false.
        var clock = new ObservedClock();
        var exhausted = new SecretStoreException(SecretStoreErrorCode.Unavailable, "SDK retries exhausted.", isTransient: false);
        var scripted = new ScriptedFailureStore(new InMemorySecretStore(), exhausted);
        var store = scripted.AsBuilder().UseResilience(options => { options.TimeProvider = clock; Quiet.RetriesOnly(options); }).Build();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Same(exhausted, error);
        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task Exceptions_that_are_not_store_exceptions_are_not_retried()
    {
        var clock = new ObservedClock();
        var scripted = new ScriptedFailureStore(new InMemorySecretStore(), new InvalidOperationException("bug"));
        var store = scripted.AsBuilder().UseResilience(options => { options.TimeProvider = clock; Quiet.RetriesOnly(options); }).Build();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task Zero_retry_attempts_make_exactly_one_attempt()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options, maxRetryAttempts: 0));

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal(1, backend.Attempts);
    }

    [Fact]
    public async Task A_listing_that_fails_on_a_transient_error_is_read_again_from_the_start()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });
        await backend.Memory.SetSecretAsync("app/other", "x", cancellationToken: CancellationToken);
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));

        var names = new List<string>();
        await foreach (var properties in store.ListSecretsAsync("app/", CancellationToken))
        {
            names.Add(properties.Name);
        }

        Assert.Equal(["app/db/password", "app/other"], names.Order(StringComparer.Ordinal));
        Assert.Equal(2, backend.Recording.GetCallCount(SecretStoreOperations.ListSecrets));
    }

    [Fact]
    public async Task A_bulk_read_retries_each_secret_on_its_own()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));

        var results = await store.GetSecretsAsync([Backend.SecretName, "app/missing"], CancellationToken);

        Assert.True(results[0].IsFound);
        Assert.False(results[1].IsFound);
        Assert.Null(results[1].Error);
        Assert.Equal(3, backend.Recording.GetCallCount(SecretStoreOperations.GetSecret));
    }

    [Fact]
    public async Task A_batch_read_of_a_store_with_a_batch_api_is_retried_as_one_call()
    {
        var clock = new ObservedClock();
        var memory = new InMemorySecretStore(timeProvider: clock);
        await memory.SetSecretAsync(Backend.SecretName, Backend.CanaryValue, cancellationToken: CancellationToken);
        var chaos = new ChaosSecretStore(new BatchStore(memory), new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } }, clock);
        var recording = new RecordingSecretStore(chaos);
        var store = recording.AsBuilder().UseResilience(options => { options.TimeProvider = clock; Quiet.RetriesOnly(options); }).Build();

        var results = await store.GetSecretsAsync([Backend.SecretName, "app/missing"], CancellationToken);

        Assert.True(results[0].IsFound);
        Assert.Equal(2, recording.GetCallCount(SecretStoreOperations.GetSecrets));
        Assert.Equal(0, recording.GetCallCount(SecretStoreOperations.GetSecret));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried_and_stays_a_cancellation()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) });
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);

        var read = store.GetSecretAsync(Backend.SecretName, cancellationToken: cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(1, backend.Attempts);
    }

    /// <summary>Declares a batch API, as the AWS adapter does.</summary>
    private sealed class BatchStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(SecretStoreMetadata) && serviceKey is null
                ? new SecretStoreMetadata("Batching", capabilities: SecretStoreCapabilities.Batch)
                : base.GetService(serviceType, serviceKey);
    }
}
