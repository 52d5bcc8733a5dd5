using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Testing.Tests.Chaos;

public sealed class ChaosSecretStoreTests
{
    private const string Name = "app/secret";

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Latency_is_observed_only_after_time_advances()
    {
        var time = new FakeTimeProvider();
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { Latency = TimeSpan.FromSeconds(5) }, time);

        var read = store.GetSecretAsync(Name, cancellationToken: CancellationToken).AsTask();
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));

        var secret = await read;
        Assert.Equal("value", secret!.Value.RevealString());
    }

    [Fact]
    public async Task Jitter_never_exceeds_its_bound()
    {
        var time = new FakeTimeProvider();
        var options = new ChaosSecretStoreOptions { Latency = TimeSpan.FromSeconds(1), LatencyJitter = TimeSpan.FromSeconds(2), Seed = 42 };
        var store = new ChaosSecretStore(await SeededAsync(), options, time);

        var reads = Enumerable.Range(0, 20).Select(_ => store.GetSecretAsync(Name, cancellationToken: CancellationToken).AsTask()).ToArray();
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.All(reads, read => Assert.False(read.IsCompleted));
        time.Advance(TimeSpan.FromSeconds(2) + TimeSpan.FromTicks(1));

        Assert.All(await Task.WhenAll(reads), secret => Assert.NotNull(secret));
    }

    [Fact]
    public async Task Latency_honours_cancellation()
    {
        var time = new FakeTimeProvider();
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { Latency = TimeSpan.FromMinutes(1) }, time);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);

        var read = store.GetSecretAsync(Name, cancellationToken: cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task Schedule_fails_exactly_the_scheduled_calls_then_lets_calls_through()
    {
        var options = new ChaosSecretStoreOptions { FailureSchedule = { null, SecretStoreErrorCode.Unavailable, null, SecretStoreErrorCode.AccessDenied } };
        var store = new ChaosSecretStore(await SeededAsync(), options);

        var outcomes = new List<SecretStoreErrorCode?>();
        for (int i = 0; i < 6; i++)
        {
            try
            {
                await store.GetSecretAsync(Name, cancellationToken: CancellationToken);
                outcomes.Add(null);
            }
            catch (SecretStoreException error)
            {
                outcomes.Add(error.ErrorCode);
            }
        }

        Assert.Equal([null, SecretStoreErrorCode.Unavailable, null, SecretStoreErrorCode.AccessDenied, null, null], outcomes);
        Assert.Equal(2, store.InjectedFailureCount);
        Assert.Equal(6, store.DisturbedCallCount);
    }

    [Fact]
    public async Task Injected_failures_describe_the_call()
    {
        var options = new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } };
        var store = new ChaosSecretStore(await SeededAsync(), options);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Unavailable, error.ErrorCode);
        Assert.Equal(SecretStoreOperations.GetSecret, error.Operation);
        Assert.Equal(Name, error.SecretName);
        Assert.Equal("InMemory", error.StoreName);
        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task Throttling_carries_retry_after()
    {
        var options = new ChaosSecretStoreOptions { ThrottleRate = 1, RetryAfter = TimeSpan.FromSeconds(7) };
        var store = new ChaosSecretStore(await SeededAsync(), options);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Scheduled_throttling_uses_the_default_retry_after_of_one_second()
    {
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Throttled } });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
    }

    [Fact]
    public async Task Failure_rate_with_a_seed_is_reproducible_and_mixed()
    {
        var inner = await SeededAsync();

        var first = await OutcomesAsync(new ChaosSecretStore(inner, new ChaosSecretStoreOptions { FailureRate = 0.5, FailureCode = SecretStoreErrorCode.Timeout, Seed = 1234 }));
        var second = await OutcomesAsync(new ChaosSecretStore(inner, new ChaosSecretStoreOptions { FailureRate = 0.5, FailureCode = SecretStoreErrorCode.Timeout, Seed = 1234 }));

        Assert.Equal(first, second);
        Assert.Contains(SecretStoreErrorCode.Timeout, first);
        Assert.Contains(null, first);
        Assert.DoesNotContain(first, outcome => outcome is not null and not SecretStoreErrorCode.Timeout);
    }

    [Fact]
    public async Task Default_options_inject_nothing()
    {
        var store = new ChaosSecretStore(await SeededAsync());

        var outcomes = await OutcomesAsync(store);

        Assert.All(outcomes, outcome => Assert.Null(outcome));
        Assert.Equal(0, store.InjectedFailureCount);
    }

    [Fact]
    public async Task Options_changed_in_use_apply_to_the_next_call()
    {
        var options = new ChaosSecretStoreOptions { FailureRate = 1 };
        var store = new ChaosSecretStore(await SeededAsync(), options);
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: CancellationToken));

        options.FailureRate = 0;

        Assert.NotNull(await store.GetSecretAsync(Name, cancellationToken: CancellationToken));
    }

    [Fact]
    public async Task Writes_are_disturbed_through_the_writer_and_a_failed_write_changes_nothing()
    {
        var inner = await SeededAsync();
        var store = new ChaosSecretStore(inner, new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Conflict, SecretStoreErrorCode.Unavailable } });

        var setError = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync(Name, "changed", cancellationToken: CancellationToken));
        var deleteError = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.DeleteSecretAsync(Name, CancellationToken));

        Assert.Equal(SecretStoreErrorCode.Conflict, setError.ErrorCode);
        Assert.Equal(SecretStoreOperations.SetSecret, setError.Operation);
        Assert.Equal(SecretStoreOperations.DeleteSecret, deleteError.Operation);
        Assert.Equal("value", (await inner.GetRequiredSecretAsync(Name, cancellationToken: CancellationToken)).Value.RevealString());
        await store.SetSecretAsync(Name, "changed", cancellationToken: CancellationToken);
        Assert.Equal("changed", (await inner.GetRequiredSecretAsync(Name, cancellationToken: CancellationToken)).Value.RevealString());
    }

    [Fact]
    public async Task Change_probes_are_disturbed_as_reads_and_only_when_chosen()
    {
        var options = new ChaosSecretStoreOptions { FailureRate = 1 };
        var store = new ChaosSecretStore(await SeededAsync(), options);
        var probe = store.GetService<ISecretChangeProbe>();
        Assert.NotNull(probe);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await probe.GetLatestPropertiesAsync(Name, CancellationToken));
        Assert.Equal(SecretStoreOperations.GetLatestProperties, error.Operation);
        Assert.Equal(Name, error.SecretName);

        options.Operations = ChaosOperations.Reads & ~ChaosOperations.GetLatestProperties;
        Assert.Equal("1", (await probe.GetLatestPropertiesAsync(Name, CancellationToken))?.Version);
    }

    [Fact]
    public async Task Only_the_chosen_operations_are_disturbed()
    {
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { Operations = ChaosOperations.Writes, FailureRate = 1 });

        Assert.NotNull(await store.GetSecretAsync(Name, cancellationToken: CancellationToken));
        Assert.Single(await store.GetSecretsAsync([Name], CancellationToken));
        await foreach (var _ in store.ListSecretsAsync(cancellationToken: CancellationToken))
        {
        }

        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync(Name, "x", cancellationToken: CancellationToken));
        Assert.Equal(1, store.DisturbedCallCount);
    }

    [Fact]
    public async Task A_listing_fails_when_its_enumeration_starts()
    {
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { FailureRate = 1 });

        var listing = store.ListSecretsAsync("app/", CancellationToken);
        Assert.Equal(0, store.DisturbedCallCount);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () =>
        {
            await foreach (var _ in listing)
            {
            }
        });
        Assert.Equal(SecretStoreOperations.ListSecrets, error.Operation);
    }

    [Fact]
    public async Task A_bulk_read_is_one_disturbed_call()
    {
        var store = new ChaosSecretStore(await SeededAsync(), new ChaosSecretStoreOptions { FailureSchedule = { SecretStoreErrorCode.Unavailable } });

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretsAsync([Name, Name, Name], CancellationToken));
        var results = await store.GetSecretsAsync([Name, Name, Name], CancellationToken);

        Assert.Equal(SecretStoreOperations.GetSecrets, error.Operation);
        Assert.All(results, result => Assert.True(result.IsFound));
        Assert.Equal(2, store.DisturbedCallCount);
    }

    [Fact]
    public void A_read_only_inner_store_gives_no_writer()
    {
        var store = new ChaosSecretStore(new ReadOnlyStub());

        Assert.Null(store.GetWriter());
        Assert.Same(store, store.GetService(typeof(ISecretStore)));
    }

    [Theory]
    [InlineData(nameof(ChaosSecretStoreOptions.FailureRate))]
    [InlineData(nameof(ChaosSecretStoreOptions.ThrottleRate))]
    [InlineData(nameof(ChaosSecretStoreOptions.Latency))]
    [InlineData(nameof(ChaosSecretStoreOptions.LatencyJitter))]
    [InlineData(nameof(ChaosSecretStoreOptions.RetryAfter))]
    public void Out_of_range_options_are_refused(string option)
    {
        var options = new ChaosSecretStoreOptions();
        switch (option)
        {
            case nameof(ChaosSecretStoreOptions.FailureRate): options.FailureRate = 1.5; break;
            case nameof(ChaosSecretStoreOptions.ThrottleRate): options.ThrottleRate = double.NaN; break;
            case nameof(ChaosSecretStoreOptions.Latency): options.Latency = TimeSpan.FromSeconds(-1); break;
            case nameof(ChaosSecretStoreOptions.LatencyJitter): options.LatencyJitter = TimeSpan.FromSeconds(-1); break;
            case nameof(ChaosSecretStoreOptions.RetryAfter): options.RetryAfter = TimeSpan.FromSeconds(-1); break;
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChaosSecretStore(new InMemorySecretStore(), options));
        Assert.Equal(option, error.ParamName);
    }

    private static async Task<InMemorySecretStore> SeededAsync()
    {
        var store = new InMemorySecretStore();
        await store.SetSecretAsync(Name, "value", cancellationToken: CancellationToken);
        return store;
    }

    private static async Task<List<SecretStoreErrorCode?>> OutcomesAsync(ChaosSecretStore store)
    {
        var outcomes = new List<SecretStoreErrorCode?>();
        for (int i = 0; i < 100; i++)
        {
            try
            {
                await store.GetSecretAsync(Name, cancellationToken: CancellationToken);
                outcomes.Add(null);
            }
            catch (SecretStoreException error)
            {
                outcomes.Add(error.ErrorCode);
            }
        }

        return outcomes;
    }

    private sealed class ReadOnlyStub : ISecretStore
    {
        public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Secret?>(null);

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<SecretProperties>();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
