namespace HostedApp;

/// <summary>Bound to <c>Database</c>. <see cref="Password"/> comes from the secret <c>hostedapp/Database/Password</c>,
/// loaded by <c>AddSecretStore</c> with the prefix <c>hostedapp/</c>.</summary>
internal sealed class DatabaseOptions
{
    public string Host { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}

/// <summary>Bound to <c>Api</c>. <see cref="Key"/> is written in appsettings.json as a reference,
/// <c>${secret:secret://local/shared/api-key}</c>, resolved by <c>AddSecretReferences</c>.</summary>
internal sealed class ApiOptions
{
    public Uri? Endpoint { get; set; }

    public string Key { get; set; } = string.Empty;
}

/// <summary>Bound to <c>Secrets</c>: where the local store is and how fresh configuration must be.</summary>
internal sealed class SecretsSettings
{
    public string Path { get; set; } = "secrets";

    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Below <see cref="ReloadInterval"/>, so that each reload reads past the cache and sees a rotation.</summary>
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromSeconds(5);
}
