using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Sends authenticated requests: takes a fresh token, retries a 412 (eventual consistency) a few times
/// after short delays on the <see cref="TimeProvider"/>, and after a 403 lets a login-based method log in again
/// once and retries once.</summary>
internal sealed class VaultConnection(VaultHttpClient http, VaultTokenManager tokens, TimeProvider timeProvider, ILogger logger, string storeName)
{
    private const int ConsistencyAttempts = 4;
    private static readonly TimeSpan ConsistencyDelay = TimeSpan.FromMilliseconds(100);

    public VaultHttpClient Http => http;

    public VaultTokenManager Tokens => tokens;

    /// <summary>The store's clock.</summary>
    public TimeProvider TimeProvider => timeProvider;

    public async Task<VaultResponse> SendAsync(VaultRequest request, VaultCallContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool reloggedIn = false;
        for (int attempt = 1; ; attempt++)
        {
            string token = await tokens.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            var response = await http.SendAsync(request, token, context, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 412 && attempt < ConsistencyAttempts)
            {
                VaultLog.ConsistencyRetry(logger, storeName, attempt);
                await Task.Delay(ConsistencyDelay * attempt, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == 403 && !reloggedIn
                && await tokens.TryReloginAfterForbiddenAsync(token, context, cancellationToken).ConfigureAwait(false))
            {
                reloggedIn = true;
                continue;
            }

            return response;
        }
    }
}
