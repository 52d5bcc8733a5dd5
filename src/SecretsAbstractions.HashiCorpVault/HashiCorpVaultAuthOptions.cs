namespace SecretsAbstractions.HashiCorpVault;

/// <summary>How a <see cref="HashiCorpVaultSecretStore"/> obtains its Vault token.</summary>
public enum VaultAuthMethod
{
    /// <summary>A token given in <see cref="HashiCorpVaultSecretStoreOptions"/> (or <c>VAULT_TOKEN</c>, or <c>~/.vault-token</c>).
    /// It is renewed while renewable; it cannot be replaced when it reaches its max TTL.</summary>
    Token = 0,

    /// <summary>AppRole: <c>role_id</c> and <c>secret_id</c>.</summary>
    AppRole = 1,

    /// <summary>Kubernetes: the pod's service-account token and a Vault role.</summary>
    Kubernetes = 2,

    /// <summary>Username and password.</summary>
    UserPass = 3,

    /// <summary>JWT/OIDC role login with a JWT the application holds.</summary>
    Jwt = 4,
}

/// <summary>Authentication options of <see cref="HashiCorpVaultSecretStore"/>. Values may be given inline or as files;
/// a file is read at each login, so rotated credentials are picked up. Credentials are never logged.</summary>
public sealed class HashiCorpVaultAuthOptions
{
    /// <summary>The default path of the Kubernetes service-account token.</summary>
    public const string DefaultKubernetesTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>The auth method; <see cref="VaultAuthMethod.Token"/> by default.</summary>
    public VaultAuthMethod Method { get; set; } = VaultAuthMethod.Token;

    /// <summary>The path the auth method is mounted at; by default the method's own name
    /// (<c>approle</c>, <c>kubernetes</c>, <c>userpass</c>, <c>jwt</c>).</summary>
    public string? MountPath { get; set; }

    /// <summary>The token, for <see cref="VaultAuthMethod.Token"/>; <c>VAULT_TOKEN</c>, then <c>~/.vault-token</c>, by default.</summary>
    public string? Token { get; set; }

    /// <summary>The AppRole <c>role_id</c>.</summary>
    public string? RoleId { get; set; }

    /// <summary>A file holding the AppRole <c>role_id</c>.</summary>
    public string? RoleIdFile { get; set; }

    /// <summary>The AppRole <c>secret_id</c>.</summary>
    public string? SecretId { get; set; }

    /// <summary>A file holding the AppRole <c>secret_id</c>.</summary>
    public string? SecretIdFile { get; set; }

    /// <summary>The Vault role, for <see cref="VaultAuthMethod.Kubernetes"/> (required) and <see cref="VaultAuthMethod.Jwt"/>
    /// (optional: the method's default role otherwise).</summary>
    public string? Role { get; set; }

    /// <summary>The JWT, for <see cref="VaultAuthMethod.Jwt"/>.</summary>
    public string? Jwt { get; set; }

    /// <summary>A file holding the JWT: for <see cref="VaultAuthMethod.Jwt"/>, or the service-account token for
    /// <see cref="VaultAuthMethod.Kubernetes"/> (<see cref="DefaultKubernetesTokenFile"/> by default).</summary>
    public string? JwtFile { get; set; }

    /// <summary>The user name, for <see cref="VaultAuthMethod.UserPass"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The password, for <see cref="VaultAuthMethod.UserPass"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the password, for <see cref="VaultAuthMethod.UserPass"/>.</summary>
    public string? PasswordFile { get; set; }

    internal HashiCorpVaultAuthOptions Clone() => (HashiCorpVaultAuthOptions)MemberwiseClone();

    internal string EffectiveMountPath => string.IsNullOrEmpty(MountPath)
        ? Method switch
        {
            VaultAuthMethod.AppRole => "approle",
            VaultAuthMethod.Kubernetes => "kubernetes",
            VaultAuthMethod.UserPass => "userpass",
            VaultAuthMethod.Jwt => "jwt",
            _ => "token",
        }
        : MountPath.Trim('/');
}
