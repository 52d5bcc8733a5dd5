namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>The retry rule (issue item 5): exactly one layer retries. By default the SDK sends each request once
/// and <c>UseResilience</c> retries; with SDK retries on, the SDK retries and the decorator does not retry again.</summary>
public sealed class RetryRuleTests : IAsyncLifetime
{
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task With_the_resilience_decorator_one_read_of_an_unknown_secret_reaches_the_server_once()
    {
        var (inner, store) = await CreateResilientStoreAsync(sdkRetries: false, decoratorRetries: 3);

        Assert.Null(await store.GetSecretAsync("unknown", cancellationToken: Ct));

        Assert.Equal(1, _harness.Server.RequestCount);
        Assert.NotNull(inner);
    }

    [Fact]
    public async Task By_default_a_throttled_read_is_retried_by_the_decorator_only()
    {
        var (inner, store) = await CreateResilientStoreAsync(sdkRetries: false, decoratorRetries: 2);
        await inner.SetSecretAsync("busy", "value", cancellationToken: Ct);
        _harness.Server.ClearRequests();

        _harness.Server.ThrottleNext(1, retryAfterSeconds: 0);
        Assert.NotNull(await store.GetSecretAsync("busy", cancellationToken: Ct));
        Assert.Equal([429, 200], _harness.Server.Requests.Select(r => r.Status));

        _harness.Server.ClearRequests();
        _harness.Server.ThrottleNext(10, retryAfterSeconds: 0);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("busy", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(3, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task With_SDK_retries_on_the_decorator_does_not_retry_again()
    {
        var (inner, store) = await CreateResilientStoreAsync(sdkRetries: true, decoratorRetries: 3);
        await inner.SetSecretAsync("busy", "value", cancellationToken: Ct);
        _harness.Server.ClearRequests();
        _harness.Server.ThrottleNext(10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("busy", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Equal(3, _harness.Server.RequestCount);
    }

    private async Task<(AzureKeyVaultSecretStore Inner, ISecretStore Store)> CreateResilientStoreAsync(bool sdkRetries, int decoratorRetries)
    {
        var inner = _harness.CreateStore(o =>
        {
            o.EnableSdkRetries = sdkRetries;
            o.ClientOptions!.Retry.MaxRetries = 2;
        });
        await _harness.WarmUpAsync(inner);
        var store = inner.AsBuilder()
            .UseResilience(o =>
            {
                o.Retry.MaxRetryAttempts = decoratorRetries;
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
                o.CircuitBreaker.Enabled = false;
            })
            .Build();
        return (inner, store);
    }
}
