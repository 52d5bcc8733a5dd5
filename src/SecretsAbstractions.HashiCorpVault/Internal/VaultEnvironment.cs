namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>Reads the <c>vault</c> CLI's environment: the <c>VAULT_*</c> variables and <c>~/.vault-token</c>.
/// Replaceable in tests.</summary>
internal sealed class VaultEnvironment(Func<string, string?> getVariable, string? homeDirectory)
{
    public static VaultEnvironment Process { get; } = new(
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile, System.Environment.SpecialFolderOption.DoNotVerify));

    public static VaultEnvironment Empty { get; } = new(_ => null, null);

    /// <summary>Returns a copy of <paramref name="options"/> whose unset values come from the environment
    /// (when <see cref="HashiCorpVaultSecretStoreOptions.UseEnvironmentDefaults"/> is set), trimmed and normalized.</summary>
    public HashiCorpVaultSecretStoreOptions Resolve(HashiCorpVaultSecretStoreOptions options)
    {
        var resolved = options.Clone();
        if (options.UseEnvironmentDefaults)
        {
            resolved.Address ??= Variable("VAULT_ADDR");
            resolved.Namespace ??= Variable("VAULT_NAMESPACE");
            resolved.CaCertificateFile ??= resolved.CaCertificatePem is null ? Variable("VAULT_CACERT") : null;
            resolved.ClientCertificateFile ??= Variable("VAULT_CLIENT_CERT");
            resolved.ClientKeyFile ??= Variable("VAULT_CLIENT_KEY");
            if (!resolved.SkipTlsVerify && Variable("VAULT_SKIP_VERIFY") is { } skip)
            {
                resolved.SkipTlsVerify = skip is "1" || bool.TryParse(skip, out bool value) && value;
            }

            if (resolved.Auth.Method == VaultAuthMethod.Token)
            {
                resolved.Auth.Token ??= Variable("VAULT_TOKEN") ?? ReadTokenFile();
            }
        }

        resolved.Mount = (resolved.Mount ?? string.Empty).Trim('/');
        resolved.Namespace = string.IsNullOrWhiteSpace(resolved.Namespace) ? null : resolved.Namespace.Trim('/');
        return resolved;
    }

    private string? Variable(string name) => getVariable(name) is { Length: > 0 } value ? value : null;

    private string? ReadTokenFile()
    {
        if (string.IsNullOrEmpty(homeDirectory))
        {
            return null;
        }

        string path = Path.Combine(homeDirectory, ".vault-token");
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
