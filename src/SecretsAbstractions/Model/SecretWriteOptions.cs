namespace SecretsAbstractions;

/// <summary>Properties to record with a new version written by <see cref="ISecretWriter.SetSecretAsync"/>.
/// A store ignores what its backend cannot record.</summary>
public sealed class SecretWriteOptions
{
    /// <summary>The content type, such as <c>application/json</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>Tags or custom metadata.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    /// <summary>When the secret expires.</summary>
    public DateTimeOffset? ExpiresOn { get; set; }

    /// <summary>Before this time the secret is not valid.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Whether the secret is enabled; <see langword="null"/> keeps the backend's default (enabled).</summary>
    public bool? Enabled { get; set; }
}
