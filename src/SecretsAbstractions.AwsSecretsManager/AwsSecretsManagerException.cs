namespace SecretsAbstractions.AwsSecretsManager;

/// <summary>A <see cref="SecretStoreException"/> from a Secrets Manager error response, carrying the service's
/// error type and request id (never the response body).</summary>
public sealed class AwsSecretsManagerException : SecretStoreException
{
    /// <summary>Creates an exception.</summary>
    public AwsSecretsManagerException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message; it must not contain a secret value.</param>
    public AwsSecretsManagerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message; it must not contain a secret value.</param>
    /// <param name="innerException">The cause.</param>
    public AwsSecretsManagerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a portable error code.</summary>
    /// <param name="errorCode">The portable cause.</param>
    /// <param name="message">The message; it must not contain a secret value.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="isTransient">Whether retrying may succeed; by default as the code says.</param>
    public AwsSecretsManagerException(SecretStoreErrorCode errorCode, string message, Exception? innerException = null, bool? isTransient = null)
        : base(errorCode, message, innerException, isTransient)
    {
    }

    /// <summary>The service's error type (the sanitized <c>__type</c>), such as <c>ResourceNotFoundException</c>.</summary>
    public string? AwsErrorType { get; init; }

    /// <summary>The request id from the <c>x-amzn-RequestId</c> response header, for AWS support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP status of the response.</summary>
    public int? StatusCode { get; init; }
}
