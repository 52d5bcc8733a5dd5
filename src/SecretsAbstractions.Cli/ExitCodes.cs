namespace SecretsAbstractions.Cli;

/// <summary>The tool's exit codes, a contract that scripts depend on, and the one table that maps store errors to them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything not covered by a more specific code.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the store configuration is wrong; nothing was sent to a backend.</summary>
    public const int Usage = 2;

    public const int NotFound = 3;

    /// <summary>Access denied, or credentials missing, expired or rejected.</summary>
    public const int AccessDenied = 4;

    /// <summary>Unavailable, timed out or throttled, after the resilience pipeline's retries.</summary>
    public const int Unavailable = 5;

    public static int FromErrorCode(SecretStoreErrorCode errorCode) => errorCode switch
    {
        // An invalid name is refused before any call, like any other bad argument.
        SecretStoreErrorCode.InvalidName => Usage,
        SecretStoreErrorCode.NotFound => NotFound,
        SecretStoreErrorCode.AccessDenied or SecretStoreErrorCode.Unauthenticated => AccessDenied,
        SecretStoreErrorCode.Unavailable or SecretStoreErrorCode.Throttled or SecretStoreErrorCode.Timeout => Unavailable,
        _ => Failure,
    };
}
