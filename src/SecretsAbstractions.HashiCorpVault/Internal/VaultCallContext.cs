namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Where a Vault call happens, to build errors that name the store, operation and secret.</summary>
internal readonly record struct VaultCallContext(string StoreName, string Operation, string? SecretName)
{
    public SecretStoreException Error(SecretStoreErrorCode code, string message, Exception? inner = null, TimeSpan? retryAfter = null) =>
        new(code, message, inner)
        {
            StoreName = StoreName,
            Operation = Operation,
            SecretName = SecretName,
            RetryAfter = retryAfter,
        };
}
