using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>
/// Holds the store's Vault token and keeps it valid: looks up a given token's TTL, renews at about two thirds of the
/// TTL (with jitter), backs off when renewal fails while the token still works, logs in again before the max TTL
/// (when renewal stops extending the token) or when it has expired, and once after a 403. One renewal or login runs
/// at a time; other callers keep using the current token meanwhile, or wait when it is no longer usable.
/// A timer on the <see cref="TimeProvider"/> runs the next renewal or login when it is due, so that an idle
/// application's token does not expire; requests run it too when they find it due.
/// </summary>
internal sealed class VaultTokenManager : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly VaultRequest LookupSelf = new(HttpMethod.Get, "auth/token/lookup-self", "auth/token/");

    private readonly VaultHttpClient _http;
    private readonly HashiCorpVaultAuthOptions _auth;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _storeName;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private volatile TokenState? _state;
    private Task _backgroundRefresh = Task.CompletedTask;
    private long _loginCount;
    private long _renewCount;

    public VaultTokenManager(VaultHttpClient http, HashiCorpVaultAuthOptions auth, TimeProvider timeProvider, ILogger logger, string storeName)
    {
        _http = http;
        _auth = auth;
        _timeProvider = timeProvider;
        _logger = logger;
        _storeName = storeName;
        _timer = timeProvider.CreateTimer(_ => _backgroundRefresh = RefreshInBackgroundAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private enum NextStep
    {
        None,
        Lookup,
        Renew,
        Login,
    }

    public long LoginCount => Interlocked.Read(ref _loginCount);

    public long RenewCount => Interlocked.Read(ref _renewCount);

    private bool IsLoginBased => _auth.Method != VaultAuthMethod.Token;

    /// <summary>The renewal or login the timer started last, for tests to await.</summary>
    internal Task BackgroundRefresh => _backgroundRefresh;

    public async ValueTask<string> GetTokenAsync(VaultCallContext context, CancellationToken cancellationToken)
    {
        var state = _state;
        var now = _timeProvider.GetUtcNow();
        if (state is not null && !state.IsDue(now))
        {
            return state.Token;
        }

        bool usable = state is not null && state.IsUsable(now);
        if (!(usable ? _gate.Wait(0, CancellationToken.None) : await WaitAsync(cancellationToken).ConfigureAwait(false)))
        {
            // Another caller is renewing; the current token still works meanwhile.
            return state!.Token;
        }

        try
        {
            state = _state;
            now = _timeProvider.GetUtcNow();
            if (state is not null && !state.IsDue(now))
            {
                return state.Token;
            }

            state = await RefreshAsync(state, now, context, cancellationToken).ConfigureAwait(false);
            SetState(state);
            return state.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a 403 with <paramref name="usedToken"/>: for login-based methods, when the token itself no longer
    /// works (lookup-self fails), logs in again (once, whoever asks) and returns whether the request should be retried.</summary>
    public async ValueTask<bool> TryReloginAfterForbiddenAsync(string usedToken, VaultCallContext context, CancellationToken cancellationToken)
    {
        if (!IsLoginBased)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is { } current && !string.Equals(current.Token, usedToken, StringComparison.Ordinal))
            {
                return true;
            }

            // A 403 with a working token is a policy refusal, which a new login would not change.
            var lookup = await _http.SendAsync(LookupSelf, usedToken, context, cancellationToken).ConfigureAwait(false);
            if (lookup.IsSuccess)
            {
                return false;
            }

            VaultLog.ReloginAfterForbidden(_logger, _storeName);
            SetState(await LoginAsync(_timeProvider.GetUtcNow(), context, cancellationToken).ConfigureAwait(false));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        _gate.Dispose();
    }

    private void SetState(TokenState state)
    {
        _state = state;
        if (state.Step == NextStep.None || state.NextActionAt == DateTimeOffset.MaxValue)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = state.NextActionAt - _timeProvider.GetUtcNow();
        _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await GetTokenAsync(new VaultCallContext(_storeName, "RenewToken", null), _disposed.Token).ConfigureAwait(false);
        }
        catch (SecretStoreException)
        {
            // Logged where it happened; the next request or timer tick tries again.
        }
        catch (OperationCanceledException)
        {
            // The store was disposed.
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed while the refresh waited.
        }
    }

    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<TokenState> RefreshAsync(TokenState? state, DateTimeOffset now, VaultCallContext context, CancellationToken cancellationToken)
    {
        if (state is null)
        {
            return IsLoginBased
                ? await LoginAsync(now, context, cancellationToken).ConfigureAwait(false)
                : await LookupAsync(now, context, cancellationToken).ConfigureAwait(false);
        }

        if (IsLoginBased && (state.Step == NextStep.Login || !state.IsUsable(now)))
        {
            try
            {
                return await LoginAsync(now, context, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretStoreException error) when (state.IsUsable(now))
            {
                // The old token still works until it expires: keep it and try again later.
                return Backoff(state, now, error, NextStep.Login);
            }
        }

        return state.Step switch
        {
            NextStep.Renew => await RenewAsync(state, now, context, cancellationToken).ConfigureAwait(false),
            NextStep.Lookup => await LookupAsync(now, context, cancellationToken).ConfigureAwait(false),
            _ => state,
        };
    }

    private async Task<TokenState> LoginAsync(DateTimeOffset now, VaultCallContext context, CancellationToken cancellationToken)
    {
        VaultRequest request;
        try
        {
            request = VaultLoginRequest.Create(_auth);
        }
        catch (VaultCredentialException error)
        {
            throw context.Error(SecretStoreErrorCode.Unauthenticated, $"Vault login with {_auth.Method} failed: {error.Message}");
        }

        Interlocked.Increment(ref _loginCount);
        var response = await _http.SendAsync(request, token: null, context, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess || response.Envelope?.Auth is not { ClientToken: { Length: > 0 } token } auth)
        {
            var code = response.StatusCode is 400 or 401 or 403 or 404 ? SecretStoreErrorCode.Unauthenticated : VaultErrors.Classify(response.StatusCode, string.Empty);
            string detail = response.ErrorText.Length > 0 ? ": " + VaultErrors.Shorten(response.ErrorText) : string.Empty;
            throw context.Error(
                code == SecretStoreErrorCode.Unknown && response.IsSuccess ? SecretStoreErrorCode.Unauthenticated : code,
                string.Create(CultureInfo.InvariantCulture, $"Vault login with {_auth.Method} at auth/{_auth.EffectiveMountPath} failed: HTTP {response.StatusCode}{detail}"),
                retryAfter: response.RetryAfter);
        }

        VaultLog.LoggedIn(_logger, _storeName, _auth.Method, _auth.EffectiveMountPath, auth.LeaseDuration, auth.Renewable);
        return Schedule(token, auth.LeaseDuration, auth.LeaseDuration, auth.Renewable, now);
    }

    private async Task<TokenState> LookupAsync(DateTimeOffset now, VaultCallContext context, CancellationToken cancellationToken)
    {
        string token = _auth.Token!;
        try
        {
            var response = await _http.SendAsync(LookupSelf, token, context, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess && response.Envelope?.Data is { ValueKind: JsonValueKind.Object } data
                && data.Deserialize(VaultJsonContext.Default.VaultTokenLookup) is { } lookup)
            {
                long requested = lookup.CreationTtl > 0 ? lookup.CreationTtl : lookup.Ttl;
                return Schedule(token, lookup.Ttl, requested, lookup.Renewable, now);
            }

            var failure = VaultErrors.FromResponse(response, context);
            VaultLog.TokenLookupFailed(_logger, _storeName, failure.ErrorCode);
            return failure.IsTransient
                ? new TokenState(token, null, now + MinBackoff, NextStep.Lookup, 0, 1)
                : new TokenState(token, null, DateTimeOffset.MaxValue, NextStep.None, 0, 0);
        }
        catch (SecretStoreException error) when (error.IsTransient)
        {
            VaultLog.TokenLookupFailed(_logger, _storeName, error.ErrorCode);
            return new TokenState(token, null, now + MinBackoff, NextStep.Lookup, 0, 1);
        }
    }

    private async Task<TokenState> RenewAsync(TokenState state, DateTimeOffset now, VaultCallContext context, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"increment":"{{state.RequestedTtlSeconds}}s"}"""));
        Interlocked.Increment(ref _renewCount);
        try
        {
            var response = await _http.SendAsync(new VaultRequest(HttpMethod.Post, "auth/token/renew-self", "auth/token/") { Body = body }, state.Token, context, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess && response.Envelope?.Auth is { } auth)
            {
                return AfterRenewal(state, auth, now);
            }

            var failure = VaultErrors.FromResponse(response, context);
            if (failure.ErrorCode == SecretStoreErrorCode.AccessDenied && IsLoginBased)
            {
                // The token was revoked or has expired: only a new login helps.
                return await LoginAsync(now, context, cancellationToken).ConfigureAwait(false);
            }

            return Backoff(state, now, failure, NextStep.Renew);
        }
        catch (SecretStoreException error) when (error.ErrorCode is not SecretStoreErrorCode.Unauthenticated)
        {
            return Backoff(state, now, error, NextStep.Renew);
        }
    }

    private TokenState AfterRenewal(TokenState state, VaultAuthInfo auth, DateTimeOffset now)
    {
        VaultLog.TokenRenewed(_logger, _storeName, auth.LeaseDuration);
        var expiresAt = now + TimeSpan.FromSeconds(auth.LeaseDuration);
        bool capped = auth.LeaseDuration < state.RequestedTtlSeconds || (state.ExpiresAt is { } previous && expiresAt <= previous + MinBackoff);
        if (!capped || auth.LeaseDuration <= 0)
        {
            return Schedule(state.Token, auth.LeaseDuration, state.RequestedTtlSeconds, auth.Renewable, now);
        }

        // Renewal no longer extends the token: it is close to its max TTL.
        if (IsLoginBased)
        {
            VaultLog.TokenMaxTtlReached(_logger, _storeName, auth.LeaseDuration, "logging in again before it expires");
            return new TokenState(state.Token, expiresAt, now + TwoThirds(auth.LeaseDuration), NextStep.Login, state.RequestedTtlSeconds, 0);
        }

        VaultLog.TokenMaxTtlReached(_logger, _storeName, auth.LeaseDuration, "a given token cannot be replaced; configure a login method to keep working past it");
        return new TokenState(state.Token, expiresAt, DateTimeOffset.MaxValue, NextStep.None, state.RequestedTtlSeconds, 0);
    }

    private TokenState Schedule(string token, long leaseSeconds, long requestedSeconds, bool renewable, DateTimeOffset now)
    {
        if (leaseSeconds <= 0)
        {
            // A token without TTL (root tokens, periodic tokens reported as 0) never needs renewal.
            return new TokenState(token, null, DateTimeOffset.MaxValue, NextStep.None, 0, 0);
        }

        var expiresAt = now + TimeSpan.FromSeconds(leaseSeconds);
        var next = renewable ? NextStep.Renew : IsLoginBased ? NextStep.Login : NextStep.None;
        var at = next == NextStep.None ? DateTimeOffset.MaxValue : now + TwoThirds(leaseSeconds);
        return new TokenState(token, expiresAt, at, next, Math.Max(requestedSeconds, leaseSeconds), 0);
    }

    private TokenState Backoff(TokenState state, DateTimeOffset now, SecretStoreException error, NextStep step)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, state.Failures)));
        if (state.ExpiresAt is { } expiresAt && expiresAt > now)
        {
            // Never wait past the point where the token stops working.
            var half = (expiresAt - now) / 2;
            delay = half < delay ? half : delay;
        }

        delay = delay < MinBackoff ? MinBackoff : delay;
        VaultLog.TokenRenewalFailed(_logger, _storeName, error.ErrorCode, delay.TotalSeconds);
        return state with { NextActionAt = now + delay, Step = step, Failures = state.Failures + 1 };
    }

    private static TimeSpan TwoThirds(long seconds)
    {
        // About two thirds of the TTL, spread by +-10 % so that a fleet does not renew in step.
        double jitter = 0.9 + (Random.Shared.NextDouble() * 0.2);
        return TimeSpan.FromSeconds(seconds * 2.0 / 3.0 * jitter);
    }

    private sealed record TokenState(string Token, DateTimeOffset? ExpiresAt, DateTimeOffset NextActionAt, NextStep Step, long RequestedTtlSeconds, int Failures)
    {
        public bool IsDue(DateTimeOffset now) => (Step != NextStep.None && now >= NextActionAt) || !IsUsable(now);

        public bool IsUsable(DateTimeOffset now) => ExpiresAt is not { } expiresAt || now < expiresAt - TimeSpan.FromSeconds(1);

        public override string ToString() => $"TokenState {{ Step = {Step}, ExpiresAt = {ExpiresAt} }}";
    }
}
