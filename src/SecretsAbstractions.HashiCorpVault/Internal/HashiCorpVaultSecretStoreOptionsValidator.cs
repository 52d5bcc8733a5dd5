using Microsoft.Extensions.Options;

namespace SecretsAbstractions.HashiCorpVault.Internal;

/// <summary>The one place where <see cref="HashiCorpVaultSecretStoreOptions"/> are checked, after the environment
/// defaults are applied; used by the store's constructor and by options validation at start. Messages name
/// options, never their values.</summary>
internal sealed class HashiCorpVaultSecretStoreOptionsValidator(VaultEnvironment environment) : IValidateOptions<HashiCorpVaultSecretStoreOptions>
{
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(10);

    public static HashiCorpVaultSecretStoreOptionsValidator Instance { get; } = new(VaultEnvironment.Process);

    public ValidateOptionsResult Validate(string? name, HashiCorpVaultSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = ValidateResolved(environment.Resolve(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> ValidateResolved(HashiCorpVaultSecretStoreOptions options)
    {
        var failures = new List<string>();
        ValidateAddress(options, failures);
        if (VaultPath.GetPathError(options.Mount) is { } mountError)
        {
            failures.Add($"{nameof(options.Mount)} must be the path of a KV mount such as 'secret': {mountError}.");
        }

        if (options.Namespace is not null && VaultPath.GetPathError(options.Namespace) is { } namespaceError)
        {
            failures.Add($"{nameof(options.Namespace)} is not a valid namespace path: {namespaceError}.");
        }

        if (!Enum.IsDefined(options.KvVersion))
        {
            failures.Add($"{nameof(options.KvVersion)} must be Auto, V1 or V2.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            failures.Add($"{nameof(options.RequestTimeout)} must be more than zero and at most 10 minutes.");
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add($"{nameof(options.MaxConcurrency)} must be at least 1.");
        }

        if (options.CaCertificateFile is not null && options.CaCertificatePem is not null)
        {
            failures.Add($"{nameof(options.CaCertificateFile)} and {nameof(options.CaCertificatePem)} are exclusive; set one.");
        }

        if ((options.ClientCertificateFile is null) != (options.ClientKeyFile is null))
        {
            failures.Add($"{nameof(options.ClientCertificateFile)} and {nameof(options.ClientKeyFile)} must be set together.");
        }

        ValidateAuth(options.Auth, failures);
        return failures;
    }

    private static void ValidateAddress(HashiCorpVaultSecretStoreOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            failures.Add($"{nameof(options.Address)} must be set (or VAULT_ADDR), such as https://vault.example.com:8200.");
            return;
        }

        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{nameof(options.Address)} must be an absolute http:// or https:// URI.");
            return;
        }

        if (!string.IsNullOrEmpty(address.UserInfo) || !string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            failures.Add($"{nameof(options.Address)} must not hold user information, a query or a fragment.");
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
        {
            failures.Add($"{nameof(options.Address)} uses plain http:// to a host that is not loopback; use https://, or set {nameof(options.AllowInsecureHttp)} to accept tokens and secrets in clear text.");
        }
    }

    private static void ValidateAuth(HashiCorpVaultAuthOptions auth, List<string> failures)
    {
        const string Prefix = nameof(HashiCorpVaultSecretStoreOptions.Auth);
        if (!Enum.IsDefined(auth.Method))
        {
            failures.Add($"{Prefix} method must be Token, AppRole, Kubernetes, UserPass or Jwt.");
            return;
        }

        if (!string.IsNullOrEmpty(auth.MountPath) && VaultPath.GetPathError(auth.MountPath.Trim('/')) is { } mountError)
        {
            failures.Add($"{Prefix} MountPath is not a valid path: {mountError}.");
        }

        switch (auth.Method)
        {
            case VaultAuthMethod.Token:
                if (string.IsNullOrWhiteSpace(auth.Token))
                {
                    failures.Add($"{Prefix} Token must be set (or VAULT_TOKEN, or ~/.vault-token) for the Token method.");
                }
                else if (auth.Token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
                {
                    failures.Add($"{Prefix} Token must not contain white space or control characters.");
                }

                break;
            case VaultAuthMethod.AppRole:
                ExactlyOne(auth.RoleId, auth.RoleIdFile, "RoleId", "RoleIdFile", required: true, failures);
                ExactlyOne(auth.SecretId, auth.SecretIdFile, "SecretId", "SecretIdFile", required: false, failures);
                break;
            case VaultAuthMethod.Kubernetes:
                if (string.IsNullOrWhiteSpace(auth.Role))
                {
                    failures.Add($"{Prefix} Role must be set for the Kubernetes method.");
                }

                if (auth.Jwt is not null)
                {
                    failures.Add($"{Prefix} Jwt is not used by the Kubernetes method; it reads the service-account token from JwtFile.");
                }

                break;
            case VaultAuthMethod.UserPass:
                if (string.IsNullOrWhiteSpace(auth.Username) || auth.Username.Contains('/', StringComparison.Ordinal) || auth.Username.Any(char.IsControl))
                {
                    failures.Add($"{Prefix} Username must be set for the UserPass method, without '/' or control characters.");
                }

                ExactlyOne(auth.Password, auth.PasswordFile, "Password", "PasswordFile", required: true, failures);
                break;
            case VaultAuthMethod.Jwt:
                ExactlyOne(auth.Jwt, auth.JwtFile, "Jwt", "JwtFile", required: true, failures);
                break;
        }
    }

    private static void ExactlyOne(string? value, string? file, string valueName, string fileName, bool required, List<string> failures)
    {
        const string Prefix = nameof(HashiCorpVaultSecretStoreOptions.Auth);
        if (value is not null && file is not null)
        {
            failures.Add($"{Prefix} {valueName} and {fileName} are exclusive; set one.");
        }
        else if (required && string.IsNullOrEmpty(value) && string.IsNullOrEmpty(file))
        {
            failures.Add($"{Prefix} {valueName} or {fileName} must be set.");
        }
    }
}
