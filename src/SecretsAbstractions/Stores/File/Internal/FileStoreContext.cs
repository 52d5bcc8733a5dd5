using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Internal;

/// <summary>What the file layouts share with their <see cref="FileSecretStore"/>: its name, its logger,
/// and the one table that turns file system failures into portable errors.</summary>
internal sealed class FileStoreContext(string storeName, ILogger logger)
{
    public string StoreName { get; } = storeName;

    public ILogger Logger { get; } = logger;

    public static bool IsFileSystemError(Exception error) => error is IOException or UnauthorizedAccessException;

    public static bool IsNotFound(Exception error) => error is FileNotFoundException or DirectoryNotFoundException;

    public SecretStoreException Error(SecretStoreErrorCode code, string reason, string operation, string? secretName, Exception? innerException = null) =>
        new(code, reason, innerException)
        {
            StoreName = StoreName,
            Operation = operation,
            SecretName = secretName,
        };

    /// <summary>Maps a file system exception to a portable error. File system messages hold paths and
    /// OS errors, never file content, so the native exception is kept as the inner exception.</summary>
    public SecretStoreException FromFileSystem(Exception error, string operation, string? secretName) => error switch
    {
        UnauthorizedAccessException => Error(SecretStoreErrorCode.AccessDenied, "The file system denied access: " + error.Message, operation, secretName, error),
        PathTooLongException => Error(SecretStoreErrorCode.InvalidName, "The path is too long for the file system: " + error.Message, operation, secretName, error),
        _ => Error(SecretStoreErrorCode.Unavailable, "The file system failed: " + error.Message, operation, secretName, error),
    };

    /// <summary>Refuses a name whose path leads outside the root, and says so in the log (name only).</summary>
    public SecretStoreException LinkEscape(string secretName, string operation)
    {
        FileSecretStoreLog.LinkEscapesRoot(Logger, StoreName, secretName);
        return Error(
            SecretStoreErrorCode.AccessDenied,
            "The secret's path leads outside the store's root through a symbolic link; the store reads and writes nothing outside its root.",
            operation,
            secretName);
    }

    public SecretStoreException Conflict(string secretName, string operation, string reason) =>
        Error(SecretStoreErrorCode.Conflict, reason, operation, secretName);
}
