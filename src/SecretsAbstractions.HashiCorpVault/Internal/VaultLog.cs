using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>The Vault store's log messages. They name stores, paths, methods and durations; never tokens,
/// secret_ids, passwords, JWTs or values.</summary>
internal static partial class VaultLog
{
    [LoggerMessage(EventId = 1, EventName = "TlsVerificationDisabled", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' does NOT verify the TLS certificate of Vault at {Address} (SkipTlsVerify or VAULT_SKIP_VERIFY): anyone on the network path can read and change secrets and tokens. Use only for development.")]
    public static partial void TlsVerificationDisabled(ILogger logger, string storeName, string address);

    [LoggerMessage(EventId = 2, EventName = "InsecureHttp", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' talks to Vault at {Address} over plain http: tokens and secrets cross the network in clear text.")]
    public static partial void InsecureHttp(ILogger logger, string storeName, string address);

    [LoggerMessage(EventId = 3, EventName = "MountDetected", Level = LogLevel.Debug,
        Message = "Store '{StoreName}': mount '{Mount}' runs KV version {Version}.")]
    public static partial void MountDetected(ILogger logger, string storeName, string mount, int version);

    [LoggerMessage(EventId = 4, EventName = "RedirectRefused", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' refused a redirect from Vault: {Reason}.")]
    public static partial void RedirectRefused(ILogger logger, string storeName, string reason);

    [LoggerMessage(EventId = 5, EventName = "RedirectFollowed", Level = LogLevel.Debug,
        Message = "Store '{StoreName}' followed a redirect to another {Target}; the token was {TokenHandling}.")]
    public static partial void RedirectFollowed(ILogger logger, string storeName, string target, string tokenHandling);

    [LoggerMessage(EventId = 6, EventName = "LoggedIn", Level = LogLevel.Information,
        Message = "Store '{StoreName}' logged in to Vault with {Method} at auth/{MountPath}; the token lasts {LeaseSeconds} s (renewable: {Renewable}).")]
    public static partial void LoggedIn(ILogger logger, string storeName, VaultAuthMethod method, string mountPath, long leaseSeconds, bool renewable);

    [LoggerMessage(EventId = 7, EventName = "TokenRenewed", Level = LogLevel.Debug,
        Message = "Store '{StoreName}' renewed its Vault token; it now lasts {LeaseSeconds} s.")]
    public static partial void TokenRenewed(ILogger logger, string storeName, long leaseSeconds);

    [LoggerMessage(EventId = 8, EventName = "TokenRenewalFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' could not renew its Vault token ({ErrorCode}); it keeps the current token and tries again in {RetrySeconds} s.")]
    public static partial void TokenRenewalFailed(ILogger logger, string storeName, SecretStoreErrorCode errorCode, double retrySeconds);

    [LoggerMessage(EventId = 9, EventName = "TokenMaxTtlReached", Level = LogLevel.Information,
        Message = "Store '{StoreName}': the Vault token reaches its max TTL in {RemainingSeconds} s; {Action}.")]
    public static partial void TokenMaxTtlReached(ILogger logger, string storeName, long remainingSeconds, string action);

    [LoggerMessage(EventId = 10, EventName = "ReloginAfterForbidden", Level = LogLevel.Information,
        Message = "Store '{StoreName}': Vault answered 403; logging in again once and retrying.")]
    public static partial void ReloginAfterForbidden(ILogger logger, string storeName);

    [LoggerMessage(EventId = 11, EventName = "ConsistencyRetry", Level = LogLevel.Debug,
        Message = "Store '{StoreName}': Vault answered 412 (not yet consistent); retry {Attempt}.")]
    public static partial void ConsistencyRetry(ILogger logger, string storeName, int attempt);

    [LoggerMessage(EventId = 12, EventName = "TokenLookupFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' could not look up its Vault token ({ErrorCode}); it will not renew it.")]
    public static partial void TokenLookupFailed(ILogger logger, string storeName, SecretStoreErrorCode errorCode);
}
