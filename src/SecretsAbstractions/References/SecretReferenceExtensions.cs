namespace SecretsAbstractions;

/// <summary>Reads the secret a <see cref="SecretReference"/> names.</summary>
public static class SecretReferenceExtensions
{
    /// <summary>
    /// Reads the value a reference names from <paramref name="store"/>: the secret
    /// <see cref="SecretReference.SecretName"/> at <see cref="SecretReference.Version"/>, and when the reference
    /// has a <see cref="SecretReference.Field"/>, that field of its JSON-object value
    /// (see <see cref="SecretValue.GetField"/>).
    /// </summary>
    /// <param name="store">The store the caller chose by <see cref="SecretReference.StoreName"/>.</param>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value or the field's value; <see langword="null"/> when the secret or that version does not exist.</returns>
    /// <exception cref="SecretStoreException">The secret exists but has no such field, or its value is not a JSON
    /// object (<see cref="SecretStoreErrorCode.NotFound"/>); or the read failed.</exception>
    public static async ValueTask<SecretValue?> GetSecretValueAsync(this ISecretStore store, SecretReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);

        var secret = await store.GetSecretAsync(reference.SecretName, reference.Version, cancellationToken).ConfigureAwait(false);
        if (secret is null || reference.Field is not { } field)
        {
            return secret?.Value;
        }

        return secret.Value.GetField(field) ?? throw MissingField(reference, field, secret.Value);
    }

    private static SecretStoreException MissingField(SecretReference reference, string field, SecretValue value)
    {
        string reason = value.IsBinary ? "is binary, not a JSON object"
            : value.TryGetFields(out _) ? "has no such field"
            : "is not a JSON object with unique field names";
        return new SecretStoreException(
            SecretStoreErrorCode.NotFound,
            $"Field '{SecretName.ForDisplay(field)}' was not found: the secret's value {reason}.")
        {
            StoreName = reference.StoreName,
            Operation = SecretStoreOperations.GetSecret,
            SecretName = reference.SecretName,
        };
    }
}
