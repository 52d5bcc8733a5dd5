namespace SecretsAbstractions.Testing;

/// <summary>The operations a <see cref="ChaosSecretStore"/> disturbs.</summary>
[Flags]
public enum ChaosOperations
{
    /// <summary>None: the store passes every call through untouched.</summary>
    None = 0,

    /// <summary><see cref="ISecretStore.GetSecretAsync"/>.</summary>
    GetSecret = 1,

    /// <summary><see cref="ISecretStore.GetSecretsAsync"/>, disturbed once per call.</summary>
    GetSecrets = 2,

    /// <summary><see cref="ISecretStore.ListSecretsAsync"/>, disturbed when the enumeration starts.</summary>
    ListSecrets = 4,

    /// <summary><see cref="ISecretWriter.SetSecretAsync"/>.</summary>
    SetSecret = 8,

    /// <summary><see cref="ISecretWriter.DeleteSecretAsync"/>.</summary>
    DeleteSecret = 16,

    /// <summary><see cref="ISecretChangeProbe.GetLatestPropertiesAsync"/>, when the inner store offers a probe.</summary>
    GetLatestProperties = 32,

    /// <summary>Every read: get, bulk get, list and change probe.</summary>
    Reads = GetSecret | GetSecrets | ListSecrets | GetLatestProperties,

    /// <summary>Every write: set and delete.</summary>
    Writes = SetSecret | DeleteSecret,

    /// <summary>Every operation.</summary>
    All = Reads | Writes,
}
