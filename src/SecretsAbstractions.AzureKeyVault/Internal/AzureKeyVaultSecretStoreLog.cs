using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.AzureKeyVault.Internal;

/// <summary>The Key Vault store's log messages. They name stores, secrets, statuses and error codes; never
/// values, tokens or response bodies (no exception object is logged, because the SDK's exception text quotes
/// the response).</summary>
internal static partial class AzureKeyVaultSecretStoreLog
{
    [LoggerMessage(EventId = 1, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' failed {Operation} of secret '{SecretName}': {ErrorCode} (Key Vault status {Status}, code {KeyVaultErrorCode}).")]
    public static partial void RequestFailed(ILogger logger, string storeName, string operation, string secretName, SecretStoreErrorCode errorCode, int status, string? keyVaultErrorCode);

    [LoggerMessage(EventId = 2, EventName = "CredentialFailed", Level = LogLevel.Warning,
        Message = "Store '{StoreName}' could not authenticate for {Operation}: {ExceptionType}.")]
    public static partial void CredentialFailed(ILogger logger, string storeName, string operation, string exceptionType);

    [LoggerMessage(EventId = 3, EventName = "InactiveSecretRead", Level = LogLevel.Debug,
        Message = "Store '{StoreName}' read secret '{SecretName}', which is expired or not yet valid (not before {NotBefore}, expires {ExpiresOn}).")]
    public static partial void InactiveSecretRead(ILogger logger, string storeName, string secretName, DateTimeOffset? notBefore, DateTimeOffset? expiresOn);

    [LoggerMessage(EventId = 4, EventName = "UnmappableNameSkipped", Level = LogLevel.Debug,
        Message = "Store '{StoreName}' skipped the Key Vault secret '{NativeName}' while listing: it has no logical name.")]
    public static partial void UnmappableNameSkipped(ILogger logger, string storeName, string nativeName);
}
