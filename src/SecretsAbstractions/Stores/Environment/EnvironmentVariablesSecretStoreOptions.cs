namespace SecretsAbstractions;

/// <summary>Options of <see cref="EnvironmentVariablesSecretStore"/>.</summary>
public sealed class EnvironmentVariablesSecretStoreOptions
{
    /// <summary>Only variables whose names start with this prefix are secrets, and the prefix is not
    /// part of the secret name (<c>APP_</c> makes <c>APP_db__password</c> the secret <c>db/password</c>).
    /// <see langword="null"/> or empty: every variable.</summary>
    public string? Prefix { get; set; }

    /// <summary>The name of the store in errors, logs and metrics; <c>Environment</c> by default.</summary>
    public string? StoreName { get; set; }
}
