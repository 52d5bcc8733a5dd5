namespace SecretsAbstractions.Configuration.Internal;

/// <summary>A load failure found by the provider itself (a key collision, a required source that found nothing); its
/// message is the provider's own and names keys and secrets, never values.</summary>
internal sealed class ConfigurationLoadException : InvalidOperationException
{
    public ConfigurationLoadException(SecretStoreErrorCode errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    public ConfigurationLoadException()
    {
    }

    public ConfigurationLoadException(string message)
        : base(message)
    {
    }

    public ConfigurationLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SecretStoreErrorCode ErrorCode { get; }
}
