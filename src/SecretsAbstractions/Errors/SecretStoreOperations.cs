namespace SecretsAbstractions;

/// <summary>The operation names used in <see cref="SecretStoreException.Operation"/>, logs and metrics.</summary>
public static class SecretStoreOperations
{
    /// <summary><see cref="ISecretStore.GetSecretAsync"/>.</summary>
    public const string GetSecret = "GetSecret";

    /// <summary><see cref="ISecretStore.GetSecretsAsync"/>.</summary>
    public const string GetSecrets = "GetSecrets";

    /// <summary><see cref="ISecretStore.ListSecretsAsync"/>.</summary>
    public const string ListSecrets = "ListSecrets";

    /// <summary><see cref="ISecretWriter.SetSecretAsync"/>.</summary>
    public const string SetSecret = "SetSecret";

    /// <summary><see cref="ISecretWriter.DeleteSecretAsync"/>.</summary>
    public const string DeleteSecret = "DeleteSecret";

    /// <summary><see cref="ISecretChangeProbe.GetLatestPropertiesAsync"/>.</summary>
    public const string GetLatestProperties = "GetLatestProperties";
}
