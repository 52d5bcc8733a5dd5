using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class WriteRetryTests
{
    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SecretStoreErrorCode.Unavailable)]
    [InlineData(SecretStoreErrorCode.Timeout)]
    public async Task A_set_that_may_have_been_stored_is_not_retried(SecretStoreErrorCode code)
    {
        var (backend, store) = await CreateAsync(code, retryAmbiguousWrites: false);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("app/new", "value", cancellationToken: CancellationToken));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(1, backend.Recording.GetCallCount(SecretStoreOperations.SetSecret));
    }

    [Fact]
    public async Task A_throttled_set_is_retried()
    {
        var (backend, store) = await CreateAsync(SecretStoreErrorCode.Throttled, retryAmbiguousWrites: false);

        var properties = await store.SetSecretAsync("app/new", "value", cancellationToken: CancellationToken);

        Assert.Equal("1", properties.Version);
        Assert.Equal(2, backend.Recording.GetCallCount(SecretStoreOperations.SetSecret));
    }

    [Fact]
    public async Task Ambiguous_set_failures_are_retried_when_allowed()
    {
        var (backend, store) = await CreateAsync(SecretStoreErrorCode.Unavailable, retryAmbiguousWrites: true);

        await store.SetSecretAsync("app/new", "value", cancellationToken: CancellationToken);

        Assert.Equal(2, backend.Recording.GetCallCount(SecretStoreOperations.SetSecret));
    }

    [Fact]
    public async Task A_delete_is_idempotent_and_retried()
    {
        var (backend, store) = await CreateAsync(SecretStoreErrorCode.Unavailable, retryAmbiguousWrites: false);

        Assert.True(await store.DeleteSecretAsync(Backend.SecretName, CancellationToken));

        Assert.Equal(2, backend.Recording.GetCallCount(SecretStoreOperations.DeleteSecret));
    }

    private static async Task<(Backend Backend, ISecretStore Store)> CreateAsync(SecretStoreErrorCode firstFailure, bool retryAmbiguousWrites)
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions
        {
            Operations = ChaosOperations.Writes,
            RetryAfter = null,
            FailureSchedule = { firstFailure },
        });
        var store = backend.Resilient(clock, options =>
        {
            Quiet.RetriesOnly(options);
            options.Retry.RetryAmbiguousWrites = retryAmbiguousWrites;
        });
        return (backend, store);
    }
}
