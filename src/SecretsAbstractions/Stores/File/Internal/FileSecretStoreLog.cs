using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Internal;

/// <summary>The file store's log messages. They name secrets and stores, never values or file content.</summary>
internal static partial class FileSecretStoreLog
{
    [LoggerMessage(EventId = 1, EventName = "LinkEscapesRoot", Level = LogLevel.Warning,
        Message = "Refused the secret '{SecretName}' of store '{StoreName}': its path leads outside the store's root through a symbolic link.")]
    public static partial void LinkEscapesRoot(ILogger logger, string storeName, string secretName);

    [LoggerMessage(EventId = 2, EventName = "LinkLoopSkipped", Level = LogLevel.Debug,
        Message = "Skipped '{SecretName}' while listing store '{StoreName}': it is a symbolic link that loops or leads back to a folder that holds it.")]
    public static partial void LinkLoopSkipped(ILogger logger, string storeName, string secretName);
}
