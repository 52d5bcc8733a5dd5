using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Auth;

/// <summary>Token renewal and re-login on a fake clock shared by the client and the server: no sleeps, no timing
/// assertions, only what the server saw.</summary>
public sealed class TokenLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromSeconds(120);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private VaultTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await VaultStoreFactory.StartServerAsync(_time);
        _server.AddPolicy("app").Allow("secret/*", "create", "read", "update", "delete", "list");
        _server.AddAppRole("role-id-1", "secret-id-1", ["app"], Ttl, MaxTtl);
        using var root = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; }, _time);
        await root.SetSecretAsync("app/db", "password-1", cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _logs.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TenMinutesWithThirtySecondTtlAndTwoMinuteMaxTtlNeverSeeA403()
    {
        using var store = CreateAppRoleStore();
        long requestsBefore = _server.RequestCount;

        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromMinutes(10); elapsed += TimeSpan.FromSeconds(5))
        {
            var secret = await store.GetSecretAsync("app/db", cancellationToken: Ct);
            Assert.Equal("password-1", secret!.Value.RevealString());
            _time.Advance(TimeSpan.FromSeconds(5));
            await store.BackgroundTokenRefresh;
        }

        Assert.Equal(0, _server.ForbiddenCount);
        // A token lives at most 120 s, so 10 minutes need at least 5 logins; re-login happens only when renewal
        // stops extending the token (about 100-115 s into its life), so never more than one per 100 s plus the first.
        Assert.InRange(_server.LoginCount, 5, 7);
        Assert.Equal(_server.LoginCount, (int)store.LoginCount);
        Assert.True(store.RenewalCount >= 15, $"The token is renewed at about two thirds of its TTL; renewals: {store.RenewalCount}.");
        Assert.True(_server.RequestCount - requestsBefore < 121 + 7 + 40, "No tight renewal loop.");
    }

    [Fact]
    public async Task ConcurrentFirstReadsLogInOnce()
    {
        using var store = CreateAppRoleStore();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => store.GetSecretAsync("app/db", cancellationToken: Ct).AsTask()));

        Assert.Equal(1, _server.LoginCount);
    }

    [Fact]
    public async Task RenewalHappensAtAboutTwoThirdsOfTheTtl()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);

        _time.Advance(TimeSpan.FromSeconds(17));
        await store.BackgroundTokenRefresh;
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        Assert.Equal(0, store.RenewalCount);

        _time.Advance(TimeSpan.FromSeconds(6));
        await store.BackgroundTokenRefresh;
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        Assert.Equal(1, store.RenewalCount);
        Assert.Equal(1, _server.LoginCount);
    }

    [Fact]
    public async Task RenewalFailureKeepsTheTokenAndRecovers()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        _server.FailRequests("/auth/token/renew-self", 1, 500, "internal error");

        _time.Advance(TimeSpan.FromSeconds(23));
        await store.BackgroundTokenRefresh;

        Assert.Equal(1, store.RenewalCount);
        Assert.NotNull(await store.GetSecretAsync("app/db", cancellationToken: Ct));
        Assert.Equal(1, store.RenewalCount);

        _time.Advance(TimeSpan.FromSeconds(1));
        await store.BackgroundTokenRefresh;
        Assert.NotNull(await store.GetSecretAsync("app/db", cancellationToken: Ct));

        Assert.Equal(2, store.RenewalCount);
        Assert.Equal(1, _server.LoginCount);
        Assert.Contains(_logs.Records, r => r.EventId.Name == "TokenRenewalFailed");
    }

    [Fact]
    public async Task AnIdleStoreKeepsItsTokenAliveInTheBackground()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);

        for (int step = 0; step < 120; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await store.BackgroundTokenRefresh;
        }

        int loginsWhileIdle = _server.LoginCount;
        Assert.NotNull(await store.GetSecretAsync("app/db", cancellationToken: Ct));
        Assert.Equal(0, _server.ForbiddenCount);
        Assert.Equal(loginsWhileIdle, _server.LoginCount);
        Assert.InRange(loginsWhileIdle, 5, 7);
        Assert.True(store.RenewalCount >= 15, $"renewals: {store.RenewalCount}");
    }

    [Fact]
    public async Task RenewalThatKeepsFailingBacksOffThenLogsInBeforeExpiry()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        _server.FailRequests("/auth/token/renew-self", 1000, 503, "Vault is sealed");

        for (int second = 20; second <= 40; second++)
        {
            _time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, second, TimeSpan.Zero));
            await store.BackgroundTokenRefresh;
            Assert.NotNull(await store.GetSecretAsync("app/db", cancellationToken: Ct));
        }

        Assert.Equal(0, _server.ForbiddenCount);
        Assert.Equal(2, _server.LoginCount);
        int renewAttempts = _server.Requests.Count(r => r.RawTarget.Contains("renew-self", StringComparison.Ordinal));
        Assert.InRange(renewAttempts, 2, 8);
    }

    [Fact]
    public async Task RevokedTokenLeadsToExactlyOneReloginAndTheReadSucceeds()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        _server.RevokeLoginTokens();

        var secret = await store.GetSecretAsync("app/db", cancellationToken: Ct);

        Assert.Equal("password-1", secret!.Value.RevealString());
        Assert.Equal(2, _server.LoginCount);
    }

    [Fact]
    public async Task PolicyDenialIsAccessDeniedWithoutRelogin()
    {
        using var store = CreateAppRoleStore();
        using var root = VaultStoreFactory.Create(_server, o => { o.Mount = "kv"; o.KvVersion = VaultKvVersion.V1; o.Auth.Token = VaultTestServer.RootToken; }, _time);
        using var denied = VaultStoreFactory.Create(_server, o =>
        {
            o.Mount = "kv";
            o.KvVersion = VaultKvVersion.V1;
            o.Auth.Method = VaultAuthMethod.AppRole;
            o.Auth.RoleId = "role-id-1";
            o.Auth.SecretId = "secret-id-1";
        }, _time);
        await root.SetSecretAsync("x", "y", cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await denied.GetSecretAsync("x", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Equal(1, denied.LoginCount);
    }

    [Fact]
    public async Task ForbiddenAfterTheReloginIsAccessDeniedAfterExactlyOneRelogin()
    {
        using var store = CreateAppRoleStore();
        await store.GetSecretAsync("app/db", cancellationToken: Ct);
        _server.RevokeLoginTokens();
        _server.SetLoginPolicies("role-id-1");

        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/db", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.Equal(2, store.LoginCount);
        Assert.Equal(2, _server.LoginCount);
    }

    [Fact]
    public async Task GivenTokenIsRenewedUntilItsMaxTtlThenDenied()
    {
        string token = _server.CreateToken(["app"], Ttl, MaxTtl);
        using var store = VaultStoreFactory.Create(_server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = token; }, _time, _logs);

        for (int second = 0; second < 119; second += 2)
        {
            Assert.NotNull(await store.GetSecretAsync("app/db", cancellationToken: Ct));
            _time.Advance(TimeSpan.FromSeconds(2));
            await store.BackgroundTokenRefresh;
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        await store.BackgroundTokenRefresh;
        var error = await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync("app/db", cancellationToken: Ct));

        Assert.Equal(SecretStoreErrorCode.AccessDenied, error.ErrorCode);
        Assert.True(store.RenewalCount >= 4, $"renewals: {store.RenewalCount}");
        Assert.Equal(0, store.LoginCount);
        Assert.Contains(_logs.Records, r => r.EventId.Name == "TokenMaxTtlReached");
        Assert.DoesNotContain(_logs.Records, r => r.Contains(token));
    }

    private HashiCorpVaultSecretStore CreateAppRoleStore() => VaultStoreFactory.Create(_server, o =>
    {
        o.KvVersion = VaultKvVersion.V2;
        o.Auth.Method = VaultAuthMethod.AppRole;
        o.Auth.RoleId = "role-id-1";
        o.Auth.SecretId = "secret-id-1";
    }, _time, _logs);
}
