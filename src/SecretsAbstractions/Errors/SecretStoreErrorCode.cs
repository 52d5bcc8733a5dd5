namespace SecretsAbstractions;

/// <summary>The portable cause of a <see cref="SecretStoreException"/>; each adapter maps its
/// backend's errors to these codes in one table.</summary>
public enum SecretStoreErrorCode
{
    /// <summary>A failure no other code describes.</summary>
    Unknown = 0,

    /// <summary>The secret or version does not exist (only from operations that require it,
    /// such as <c>GetRequiredSecretAsync</c>; a plain get returns <see langword="null"/>).</summary>
    NotFound,

    /// <summary>The name is not a valid logical name, or cannot be represented by the backend.
    /// Raised before any I/O.</summary>
    InvalidName,

    /// <summary>The request is invalid for another reason (a bad argument, a version kind the
    /// backend does not have, a malformed value).</summary>
    InvalidRequest,

    /// <summary>The caller is authenticated but not allowed to do this.</summary>
    AccessDenied,

    /// <summary>The caller could not be authenticated (missing, expired or rejected credentials).</summary>
    Unauthenticated,

    /// <summary>The write conflicts with the secret's current state (check-and-set mismatch,
    /// a secret being deleted, a name already taken).</summary>
    Conflict,

    /// <summary>The backend is rate limiting the caller; see <see cref="SecretStoreException.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The backend cannot be reached or is failing (network error, 5xx, sealed).</summary>
    Unavailable,

    /// <summary>The operation did not finish in time.</summary>
    Timeout,

    /// <summary>The secret exists but is disabled.</summary>
    Disabled,

    /// <summary>The store does not offer this operation or feature (a write on a read-only store,
    /// a version id on a store without versions).</summary>
    NotSupported,
}
