using System.Text;

namespace SecretsAbstractions;

/// <summary>
/// The one exception every store throws, whatever its backend. It carries a portable
/// <see cref="ErrorCode"/>, where it happened (<see cref="StoreName"/>, <see cref="Operation"/>,
/// <see cref="SecretName"/>) and the backend's own exception as <see cref="Exception.InnerException"/>.
/// Its message never contains a secret value.
/// </summary>
public class SecretStoreException : Exception
{
    private readonly string _reason;
    private readonly bool? _isTransient;

    /// <summary>Creates an exception with <see cref="SecretStoreErrorCode.Unknown"/>.</summary>
    public SecretStoreException()
        : this(SecretStoreErrorCode.Unknown, "The secret store failed.")
    {
    }

    /// <summary>Creates an exception with <see cref="SecretStoreErrorCode.Unknown"/>.</summary>
    /// <param name="message">What went wrong; never a secret value.</param>
    public SecretStoreException(string message)
        : this(SecretStoreErrorCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="SecretStoreErrorCode.Unknown"/>.</summary>
    /// <param name="message">What went wrong; never a secret value.</param>
    /// <param name="innerException">The backend's exception.</param>
    public SecretStoreException(string message, Exception? innerException)
        : this(SecretStoreErrorCode.Unknown, message, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="errorCode">The portable cause.</param>
    /// <param name="message">What went wrong; never a secret value.</param>
    /// <param name="innerException">The backend's exception.</param>
    /// <param name="isTransient">Whether retrying may succeed; by default <see langword="true"/> for
    /// <see cref="SecretStoreErrorCode.Throttled"/>, <see cref="SecretStoreErrorCode.Unavailable"/> and
    /// <see cref="SecretStoreErrorCode.Timeout"/>.</param>
    public SecretStoreException(SecretStoreErrorCode errorCode, string message, Exception? innerException = null, bool? isTransient = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        _reason = message;
        _isTransient = isTransient;
    }

    /// <summary>The portable cause.</summary>
    public SecretStoreErrorCode ErrorCode { get; }

    /// <summary>The name of the store that failed (its DI key or configured name, else its provider name).</summary>
    public string? StoreName { get; init; }

    /// <summary>The operation that failed; one of <see cref="SecretStoreOperations"/>.</summary>
    public string? Operation { get; init; }

    /// <summary>The logical name of the secret concerned, when there is one. Names are not secret;
    /// control characters in them are escaped in <see cref="Message"/>.</summary>
    public string? SecretName { get; init; }

    /// <summary>How long the backend asked the caller to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether retrying the same operation later may succeed.</summary>
    public bool IsTransient => _isTransient ?? IsTransientByDefault(ErrorCode);

    /// <summary>The reason, followed by the error code, store, operation and secret name.</summary>
    public override string Message
    {
        get
        {
            var text = new StringBuilder(_reason).Append(" (").Append(ErrorCode);
            if (StoreName is not null)
            {
                text.Append(", store '").Append(SecretsAbstractions.SecretName.ForDisplay(StoreName)).Append('\'');
            }

            if (Operation is not null)
            {
                text.Append(", operation ").Append(Operation);
            }

            if (SecretName is not null)
            {
                text.Append(", secret '").Append(SecretsAbstractions.SecretName.ForDisplay(SecretName)).Append('\'');
            }

            return text.Append(')').ToString();
        }
    }

    /// <summary>Whether failures with <paramref name="errorCode"/> are transient unless said otherwise.</summary>
    /// <param name="errorCode">The error code.</param>
    public static bool IsTransientByDefault(SecretStoreErrorCode errorCode) =>
        errorCode is SecretStoreErrorCode.Throttled or SecretStoreErrorCode.Unavailable or SecretStoreErrorCode.Timeout;
}
