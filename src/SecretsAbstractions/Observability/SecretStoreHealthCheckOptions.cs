namespace SecretsAbstractions;

/// <summary>How <see cref="SecretStoreHealthCheck"/> probes its store.</summary>
public sealed class SecretStoreHealthCheckOptions
{
    /// <summary>A secret to read as the probe (found or not, a read that completes proves the store serves); use one the
    /// application may read. <see langword="null"/> (the default) probes with a listing under <see cref="ProbePrefix"/> instead.</summary>
    public string? ProbeSecretName { get; set; }

    /// <summary>The prefix listed by the probe when <see cref="ProbeSecretName"/> is not set; only the first entry is read.
    /// Default: <see langword="null"/> (the whole store); set it to a prefix the application may list.</summary>
    public string? ProbePrefix { get; set; }
}
