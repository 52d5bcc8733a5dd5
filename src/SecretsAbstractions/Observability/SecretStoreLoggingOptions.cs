namespace SecretsAbstractions;

/// <summary>Options of <see cref="SecretStoreObservabilityBuilderExtensions.UseLogging"/>.</summary>
public sealed class SecretStoreLoggingOptions
{
    /// <summary>Whether an extra Debug message names the secret each operation concerned. Default: <see langword="false"/>:
    /// no log line names a secret. Names are escaped so that they cannot forge log lines; values are never logged.</summary>
    public bool LogSecretNames { get; set; }

    /// <summary>The clock used to time operations; <see langword="null"/> for the <see cref="TimeProvider"/> registered in the
    /// services the store is built with, else <see cref="TimeProvider.System"/>. Default: <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
