using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Errors;

/// <summary>A request that outlives RequestTimeout on the store's clock fails with Timeout; the caller's own
/// cancellation stays an OperationCanceledException.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task SlowAnswerIsATransientTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var server = await VaultStoreFactory.StartServerAsync(time);
        await using var _ = server;
        using var store = VaultStoreFactory.Create(server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; o.RequestTimeout = TimeSpan.FromSeconds(5); }, time);
        await store.InitializeAsync(ct);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HangNext(received, release.Task);

        var read = store.GetSecretAsync("slow", cancellationToken: ct).AsTask();
        await received.Task.WaitAsync(ct);
        time.Advance(TimeSpan.FromSeconds(6));
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => read);
        release.SetResult();

        Assert.Equal(SecretStoreErrorCode.Timeout, error.ErrorCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task CallerCancellationIsNotATimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await VaultStoreFactory.StartServerAsync();
        await using var _ = server;
        using var store = VaultStoreFactory.Create(server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; });
        await store.InitializeAsync(ct);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HangNext(received, release.Task);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var read = store.GetSecretAsync("slow", cancellationToken: cancel.Token).AsTask();
        await received.Task.WaitAsync(ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        release.SetResult();
    }
}
