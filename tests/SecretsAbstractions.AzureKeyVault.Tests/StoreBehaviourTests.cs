extern alias AzureIdentity;

using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>The store on the real SecretClient against the test server: disabled and expired secrets, soft
/// delete, recover and purge, errors, throttling and the retry rule.</summary>
public sealed class StoreBehaviourTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private KeyVaultHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await KeyVaultHarness.StartAsync(_time);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_disabled_secret_fails_with_Disabled_and_is_listed_as_disabled()
    {
        var store = _harness.CreateStore();
        await store.SetSecretAsync("app/off", "value", cancellationToken: Ct);
        _harness.Server.Disable("app--off");

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/off", cancellationToken: Ct));
        var listed = Assert.Single(await store.ListSecretsAsync("app/", Ct).ToListAsync(Ct));
        var bulk = Assert.Single(await store.GetSecretsAsync(["app/off"], Ct));

        Assert.Equal(SecretStoreErrorCode.Disabled, error.ErrorCode);
        Assert.Equal("app/off", error.SecretName);
        Assert.False(error.IsTransient);
        Assert.Equal("app/off", listed.Name);
        Assert.False(listed.Enabled);
        Assert.Equal(SecretStoreErrorCode.Disabled, bulk.Error?.ErrorCode);
    }

    [Fact]
    public async Task A_secret_written_disabled_reads_as_Disabled()
    {
        var store = _harness.CreateStore();

        var written = await store.SetSecretAsync("off", "value", new SecretWriteOptions { Enabled = false }, Ct);

        Assert.False(written.Enabled);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("off", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Disabled, error.ErrorCode);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_secrets_are_returned_and_reported_as_inactive()
    {
        var store = _harness.CreateStore(timeProvider: _time);
        _harness.Server.Seed("expired", "old", expires: Now.AddDays(-1));
        _harness.Server.Seed("future", "new", notBefore: Now.AddDays(1));

        var expired = await store.GetSecretAsync("expired", cancellationToken: Ct);
        var future = await store.GetSecretAsync("future", cancellationToken: Ct);
        var listed = await store.ListSecretsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.NotNull(expired);
        Assert.NotNull(future);
        Assert.Equal(Now.AddDays(-1), expired.Properties.ExpiresOn);
        Assert.Equal(Now.AddDays(1), future.Properties.NotBefore);
        Assert.False(expired.Properties.IsActiveAt(_time.GetUtcNow()));
        Assert.False(future.Properties.IsActiveAt(_time.GetUtcNow()));
        Assert.True(future.Properties.IsActiveAt(Now.AddDays(2)));
        Assert.All(listed, p => Assert.False(p.IsActiveAt(_time.GetUtcNow())));
    }

    [Fact]
    public async Task Write_options_are_all_recorded()
    {
        var store = _harness.CreateStore();
        var options = new SecretWriteOptions
        {
            ContentType = "text/plain",
            Tags = new Dictionary<string, string> { ["owner"] = "team-a" },
            ExpiresOn = Now.AddDays(30),
            NotBefore = Now.AddDays(-1),
        };

        await store.SetSecretAsync("db/password", "value", options, Ct);

        var secret = await store.GetRequiredSecretAsync("db/password", cancellationToken: Ct);
        Assert.Equal("text/plain", secret.Properties.ContentType);
        Assert.Equal("team-a", secret.Properties.Tags["owner"]);
        Assert.Equal(Now.AddDays(30), secret.Properties.ExpiresOn);
        Assert.Equal(Now.AddDays(-1), secret.Properties.NotBefore);
        Assert.Equal(Now, secret.Properties.CreatedOn);
    }

    [Fact]
    public async Task Soft_delete_keeps_the_name_until_recovered_or_purged()
    {
        var store = _harness.CreateStore();
        await store.SetSecretAsync("rotating", "before", cancellationToken: Ct);
        Assert.True(await store.DeleteSecretAsync("rotating", Ct));

        var conflict = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("rotating", "after", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Conflict, conflict.ErrorCode);
        Assert.Null(await store.GetSecretAsync("rotating", cancellationToken: Ct));

        var recovered = await store.RecoverDeletedSecretAsync("rotating", Ct);
        Assert.Equal("rotating", recovered.Name);
        Assert.Equal("before", (await store.GetRequiredSecretAsync("rotating", cancellationToken: Ct)).Value.RevealString());

        Assert.True(await store.DeleteSecretAsync("rotating", Ct));
        Assert.True(await store.PurgeDeletedSecretAsync("rotating", Ct));
        Assert.False(await store.PurgeDeletedSecretAsync("rotating", Ct));
        await store.SetSecretAsync("rotating", "after", cancellationToken: Ct);
        Assert.Equal("after", (await store.GetRequiredSecretAsync("rotating", cancellationToken: Ct)).Value.RevealString());
    }

    [Fact]
    public async Task Purge_on_delete_waits_for_the_deletion_to_complete()
    {
        var store = _harness.CreateStore(o => o.PurgeOnDelete = true, timeProvider: _time);
        await store.SetSecretAsync("slow", "value", cancellationToken: Ct);
        _harness.Server.DeletionPendingPolls = 2;
        _harness.Server.ClearRequests();

        var deleting = store.DeleteSecretAsync("slow", Ct).AsTask();
        while (!deleting.IsCompleted)
        {
            // The store waits OperationPollingInterval on its clock between polls; advance it.
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Yield();
        }

        Assert.True(await deleting);
        Assert.Equal(
            [("DELETE", "/secrets/slow", 200), ("GET", "/deletedsecrets/slow", 404), ("GET", "/deletedsecrets/slow", 404), ("GET", "/deletedsecrets/slow", 200), ("DELETE", "/deletedsecrets/slow", 204)],
            _harness.Server.Requests.Select(r => (r.Method, r.Path, r.Status)));
        await store.SetSecretAsync("slow", "again", cancellationToken: Ct);
    }

    [Fact]
    public async Task Recovering_a_secret_that_is_not_deleted_is_NotFound()
    {
        var store = _harness.CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.RecoverDeletedSecretAsync("never", Ct));

        Assert.Equal(SecretStoreErrorCode.NotFound, error.ErrorCode);
    }

    [Fact]
    public async Task One_read_of_an_unknown_secret_is_one_request()
    {
        var store = _harness.CreateStore();
        await _harness.WarmUpAsync(store);

        Assert.Null(await store.GetSecretAsync("unknown", cancellationToken: Ct));

        Assert.Equal(1, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task Throttled_read_is_sent_once_by_default_and_reports_Retry_After()
    {
        var store = _harness.CreateStore();
        await _harness.WarmUpAsync(store);
        _harness.Server.ThrottleNext(1, retryAfterSeconds: 7);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("busy", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal(1, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task With_SDK_retries_enabled_a_throttled_read_is_retried_MaxRetries_times()
    {
        var store = _harness.CreateStore(o =>
        {
            o.EnableSdkRetries = true;
            o.ClientOptions!.Retry.MaxRetries = 2;
        });
        await store.SetSecretAsync("busy", "value", cancellationToken: Ct);
        _harness.Server.ClearRequests();
        _harness.Server.ThrottleNext(1, retryAfterSeconds: 0);

        Assert.NotNull(await store.GetSecretAsync("busy", cancellationToken: Ct));
        Assert.Equal([429, 200], _harness.Server.Requests.Select(r => r.Status));

        _harness.Server.ClearRequests();
        _harness.Server.ThrottleNext(3, retryAfterSeconds: 0);
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("busy", cancellationToken: Ct));
        Assert.Equal(SecretStoreErrorCode.Throttled, error.ErrorCode);
        Assert.Equal(3, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task Default_options_turn_the_SDK_retries_off()
    {
        var options = _harness.CreateOptions();

        _ = new AzureKeyVaultSecretStore(options);

        Assert.Equal(0, options.ClientOptions!.Retry.MaxRetries);
    }

    [Theory]
    [InlineData(403, "Forbidden", SecretStoreErrorCode.AccessDenied)]
    [InlineData(400, "BadParameter", SecretStoreErrorCode.InvalidRequest)]
    [InlineData(409, "Conflict", SecretStoreErrorCode.Conflict)]
    [InlineData(500, "InternalServerError", SecretStoreErrorCode.Unavailable)]
    [InlineData(503, "ServiceUnavailable", SecretStoreErrorCode.Unavailable)]
    public async Task Key_Vault_errors_map_through_the_table(int status, string code, SecretStoreErrorCode expected)
    {
        var store = _harness.CreateStore();
        await _harness.WarmUpAsync(store);
        _harness.Server.FailNext(status, code, "Injected by the test.");

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("x", cancellationToken: Ct));

        Assert.Equal(expected, error.ErrorCode);
        Assert.Equal(SecretStoreException.IsTransientByDefault(expected), error.IsTransient);
        Assert.IsType<Azure.RequestFailedException>(error.InnerException);
        Assert.Equal(1, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task A_rejected_token_is_Unauthenticated()
    {
        var store = _harness.CreateStore(o => o.Credential = new TestTokenCredential("wrong-token"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("x", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
    }

    [Fact]
    public async Task A_credential_that_is_unavailable_is_Unauthenticated_with_a_clear_message()
    {
        _harness.Credential.Failure = new AzureIdentity::Azure.Identity.CredentialUnavailableException("No credential in this test.");
        var store = _harness.CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("x", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Contains("No Azure credential is available", error.Message, StringComparison.Ordinal);
        Assert.IsType<AzureIdentity::Azure.Identity.CredentialUnavailableException>(error.InnerException);
    }

    [Fact]
    public async Task A_credential_that_fails_is_Unauthenticated()
    {
        _harness.Credential.Failure = new AzureIdentity::Azure.Identity.AuthenticationFailedException("Token request refused in this test.");
        var store = _harness.CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("x", "value", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Contains("failed to get a token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stage_is_NotSupported_and_a_malformed_version_is_refused_before_any_call()
    {
        var store = _harness.CreateStore();

        var stage = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("x", SecretVersion.FromStage("current"), Ct));
        var malformed = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("x", SecretVersion.FromId("../other"), Ct));

        Assert.Equal(SecretStoreErrorCode.NotSupported, stage.ErrorCode);
        Assert.Equal(SecretStoreErrorCode.InvalidRequest, malformed.ErrorCode);
        Assert.Equal(0, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task A_binary_value_is_NotSupported()
    {
        var store = _harness.CreateStore();

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.SetSecretAsync("x", SecretValue.FromBytes([1, 2, 3]), cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.NotSupported, error.ErrorCode);
        Assert.Equal(0, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task Paging_over_250_secrets_lists_each_once()
    {
        var names = Enumerable.Range(0, 260).Select(i => $"many/item{i:D3}").ToList();
        foreach (string name in names)
        {
            _harness.Server.Seed(name.Replace("/", "--", StringComparison.Ordinal), "value");
        }

        var store = _harness.CreateStore();
        await _harness.WarmUpAsync(store);

        var listed = await store.ListSecretsAsync("many/", Ct).ToListAsync(Ct);

        Assert.Equal(names, listed.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(11, _harness.Server.RequestCount);
    }

    [Fact]
    public async Task GetService_offers_the_native_client_and_the_metadata()
    {
        var store = _harness.CreateStore(o => o.StoreName = "vault");

        Assert.Same(store.Client, store.GetService(typeof(SecretClient)));
        var metadata = store.GetMetadata();
        Assert.Equal(("AzureKeyVault", "vault", _harness.Server.VaultUri.AbsoluteUri), (metadata.ProviderName, metadata.StoreName, metadata.Location));
        Assert.Same(store, store.GetWriter());
    }
}
