using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Security;

/// <summary>A canary token and a canary value go through reads, writes, lists and every kind of failure; neither
/// appears in a captured log, an exception or a request target, and the token travels only in X-Vault-Token.</summary>
public sealed class CanaryTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await VaultStoreFactory.StartServerAsync();

    public async ValueTask DisposeAsync()
    {
        _logs.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TokenAndValueNeverLeak()
    {
        _server.AddPolicy("app").Allow("secret/*", "create", "read", "update", "delete", "list");
        string token = _server.CreateToken(["app"], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        string value = RedactionAssert.NewCanary();
        using var store = VaultStoreFactory.Create(_server, o => { o.Auth.Token = token; }, logs: _logs);
        var errors = new List<Exception>();

        await store.SetSecretAsync("app/canary", value, cancellationToken: Ct);
        await store.SetSecretAsync("app/json", $$"""{"password":"{{value}}"}""", cancellationToken: Ct);
        Assert.Equal(value, (await store.GetSecretAsync("app/canary", cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(value, (await store.GetSecretAsync("app/json", cancellationToken: Ct))!.Value.GetField("password")!.RevealString());
        await foreach (var _ in store.ListSecretsAsync("app/", Ct))
        {
        }

        await CollectAsync(errors, () => store.SetSecretIfVersionAsync("app/canary", SecretValue.FromString(value), 99, Ct).AsTask());
        _server.Sealed = true;
        await CollectAsync(errors, () => store.SetSecretAsync("app/canary", value, cancellationToken: Ct).AsTask());
        _server.Sealed = false;
        _server.MalformedNext();
        await CollectAsync(errors, () => store.GetSecretAsync("app/canary", cancellationToken: Ct).AsTask());
        _server.ResetNext();
        await CollectAsync(errors, () => store.GetSecretAsync("app/canary", cancellationToken: Ct).AsTask());
        await CollectAsync(errors, () => store.SetSecretAsync("a//b", value, cancellationToken: Ct).AsTask());
        _server.RevokeToken(token);
        await CollectAsync(errors, () => store.GetSecretAsync("app/canary", cancellationToken: Ct).AsTask());

        Assert.Equal(6, errors.Count);
        foreach (var error in errors)
        {
            RedactionAssert.NotInException(token, error, "a store error");
            RedactionAssert.NotInException(value, error, "a store error");
        }

        RedactionAssert.NotInLogs(token, _logs);
        RedactionAssert.NotInLogs(value, _logs);
        foreach (var request in _server.Requests)
        {
            Assert.DoesNotContain(token, request.RawTarget, StringComparison.Ordinal);
            Assert.DoesNotContain(value, request.RawTarget, StringComparison.Ordinal);
            Assert.Equal("true", request.Headers["X-Vault-Request"]);
            Assert.Equal(token, request.Headers["X-Vault-Token"]);
            Assert.False(request.Headers.ContainsKey("Authorization"), "The token is sent only as X-Vault-Token.");
            Assert.DoesNotContain(token, string.Join(",", request.Headers.Where(h => h.Key != "X-Vault-Token").Select(h => h.Value)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(token, store.GetMetadata().ToString() + store.GetMetadata().Location, StringComparison.Ordinal);
    }

    private static async Task CollectAsync(List<Exception> errors, Func<Task> operation)
    {
        var error = await Assert.ThrowsAsync<SecretStoreException>(operation);
        errors.Add(error);
    }
}
