namespace SecretsAbstractions;

/// <summary>
/// Where a backend adds its own naming rules and its reversible mapping between logical names and
/// native names. <see cref="ToNativeName"/> always applies the core rules of <see cref="SecretName"/>
/// first, so an adapter only writes what is particular to its backend.
/// </summary>
public abstract class SecretNameMapper
{
    /// <summary>Keeps logical names as they are; only the core rules apply.</summary>
    public static SecretNameMapper Identity { get; } = new IdentityMapper();

    /// <summary>Validates a logical name with the core rules and the backend's rules, and maps it to the native name.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="storeName">The store, for the error.</param>
    /// <param name="operation">The operation, for the error.</param>
    /// <returns>The native name.</returns>
    /// <exception cref="SecretStoreException">The name is invalid (<see cref="SecretStoreErrorCode.InvalidName"/>).</exception>
    public string ToNativeName(string name, string? storeName = null, string? operation = null)
    {
        SecretName.Validate(name, storeName, operation);
        if (GetBackendError(name) is { } reason)
        {
            throw SecretName.Invalid(name, reason, storeName, operation);
        }

        return MapToNative(name);
    }

    /// <summary>Maps a native name back to its logical name.</summary>
    /// <param name="nativeName">A name as the backend lists it.</param>
    /// <returns>The logical name, or <see langword="null"/> when the native name has no valid logical
    /// name (listings skip such secrets).</returns>
    public string? ToLogicalName(string nativeName)
    {
        ArgumentNullException.ThrowIfNull(nativeName);
        string? name = MapToLogical(nativeName);
        return name is not null && SecretName.IsValid(name) && GetBackendError(name) is null ? name : null;
    }

    /// <summary>Explains why a name that passed the core rules cannot be used with this backend.</summary>
    /// <param name="name">A valid logical name.</param>
    /// <returns>The reason (lower case, no final period), or <see langword="null"/> when the backend accepts it.</returns>
    protected abstract string? GetBackendError(string name);

    /// <summary>Maps a valid logical name to its native name.</summary>
    /// <param name="name">A logical name accepted by the core and backend rules.</param>
    protected abstract string MapToNative(string name);

    /// <summary>Maps a native name to a candidate logical name (validated afterwards).</summary>
    /// <param name="nativeName">A name as the backend lists it.</param>
    /// <returns>The candidate, or <see langword="null"/> when there is none.</returns>
    protected abstract string? MapToLogical(string nativeName);

    private sealed class IdentityMapper : SecretNameMapper
    {
        protected override string? GetBackendError(string name) => null;

        protected override string MapToNative(string name) => name;

        protected override string? MapToLogical(string nativeName) => nativeName;
    }
}
