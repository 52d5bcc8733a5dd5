namespace SecretsAbstractions;

/// <summary>Options of <see cref="InMemorySecretStore"/>.</summary>
public sealed class InMemorySecretStoreOptions
{
    /// <summary>The name of the store in errors, logs and metrics; <c>InMemory</c> by default.</summary>
    public string? StoreName { get; set; }
}
