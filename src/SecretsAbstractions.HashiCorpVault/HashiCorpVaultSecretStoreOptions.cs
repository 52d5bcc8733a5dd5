namespace SecretsAbstractions.HashiCorpVault;

/// <summary>Which version of the KV secrets engine a mount runs.</summary>
public enum VaultKvVersion
{
    /// <summary>Asked of Vault once per store, through <c>sys/internal/ui/mounts/&lt;mount&gt;</c>.</summary>
    Auto = 0,

    /// <summary>KV version 1: one unversioned value per path.</summary>
    V1 = 1,

    /// <summary>KV version 2: versioned values under <c>data/</c> and <c>metadata/</c>.</summary>
    V2 = 2,
}

/// <summary>Options of <see cref="HashiCorpVaultSecretStore"/>. Unset values follow the <c>vault</c> CLI's
/// environment variables when <see cref="UseEnvironmentDefaults"/> is set.</summary>
public sealed class HashiCorpVaultSecretStoreOptions
{
    /// <summary>The Vault server, such as <c>https://vault.example.com:8200</c>; <c>VAULT_ADDR</c> by default.
    /// Plain <c>http://</c> is accepted only for a loopback address unless <see cref="AllowInsecureHttp"/> is set.</summary>
    public string? Address { get; set; }

    /// <summary>The path of the KV secrets engine; <c>secret</c> by default. May have several segments (<c>team/kv</c>).</summary>
    public string Mount { get; set; } = "secret";

    /// <summary>The KV version of <see cref="Mount"/>; detected by default.</summary>
    public VaultKvVersion KvVersion { get; set; } = VaultKvVersion.Auto;

    /// <summary>The Vault Enterprise namespace, sent as <c>X-Vault-Namespace</c>; <c>VAULT_NAMESPACE</c> by default.</summary>
    public string? Namespace { get; set; }

    /// <summary>How the store authenticates; a token by default.</summary>
    public HashiCorpVaultAuthOptions Auth { get; set; } = new();

    /// <summary>How long one HTTP request may take; 30 seconds by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A PEM file of the certificate authorities that sign the server's certificate, trusted instead of the
    /// system's; <c>VAULT_CACERT</c> by default.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>The same as <see cref="CaCertificateFile"/>, given as PEM text.</summary>
    public string? CaCertificatePem { get; set; }

    /// <summary>A PEM client certificate for TLS client authentication; <c>VAULT_CLIENT_CERT</c> by default.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>; <c>VAULT_CLIENT_KEY</c> by default.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Whether the server's certificate is accepted without any check; <c>VAULT_SKIP_VERIFY</c> by default.
    /// Only for development: the store logs a warning each time it is created with it.</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary>Whether plain <c>http://</c> is allowed to an address that is not loopback; <see langword="false"/> by default.
    /// Tokens and secrets then cross the network in clear text.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How many reads a bulk get runs at once; 16 by default.</summary>
    public int MaxConcurrency { get; set; } = SecretBatch.DefaultMaxConcurrency;

    /// <summary>Whether unset options take their value from the <c>VAULT_*</c> environment variables and the token
    /// from <c>~/.vault-token</c>, as the <c>vault</c> CLI does; <see langword="true"/> by default.</summary>
    public bool UseEnvironmentDefaults { get; set; } = true;

    /// <summary>The name of the store in errors, logs and metrics; <c>HashiCorpVault</c> by default.</summary>
    public string? StoreName { get; set; }

    internal HashiCorpVaultSecretStoreOptions Clone()
    {
        var copy = (HashiCorpVaultSecretStoreOptions)MemberwiseClone();
        copy.Auth = Auth.Clone();
        return copy;
    }
}
