namespace SecretsAbstractions.Configuration;

/// <summary>What a configuration reference to a binary secret value gives. Configuration values are text.</summary>
public enum SecretReferenceBinaryMode
{
    /// <summary>The reference is an error (<see cref="SecretReferenceResolutionException"/> at the first load): a
    /// binary value has no faithful text form, and guessing an encoding would hand the application wrong bytes silently.</summary>
    Refuse = 0,

    /// <summary>The value's bytes in standard base64 (RFC 4648, with padding), for settings that expect it, such as a
    /// certificate or a key.</summary>
    Base64 = 1,
}
