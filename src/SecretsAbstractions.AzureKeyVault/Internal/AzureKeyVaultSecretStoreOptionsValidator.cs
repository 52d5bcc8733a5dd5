using Microsoft.Extensions.Options;

namespace SecretsAbstractions.AzureKeyVault.Internal;

/// <summary>The one place where <see cref="AzureKeyVaultSecretStoreOptions"/> are checked, used by the store's
/// constructor and by options validation at start.</summary>
internal sealed class AzureKeyVaultSecretStoreOptionsValidator : IValidateOptions<AzureKeyVaultSecretStoreOptions>
{
    private static readonly TimeSpan MaxPollingInterval = TimeSpan.FromMinutes(1);

    public static AzureKeyVaultSecretStoreOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, AzureKeyVaultSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Client is not null)
        {
            if (options.VaultUri is not null || options.Credential is not null || options.ClientOptions is not null)
            {
                failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.Client)} is set, so {nameof(AzureKeyVaultSecretStoreOptions.VaultUri)}, {nameof(AzureKeyVaultSecretStoreOptions.Credential)} and {nameof(AzureKeyVaultSecretStoreOptions.ClientOptions)} must be left unset: the client already has them.");
            }
        }
        else if (options.VaultUri is null)
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.VaultUri)} must be set to the vault's URI, such as https://myvault.vault.azure.net/, unless {nameof(AzureKeyVaultSecretStoreOptions.Client)} is set.");
        }
        else if (!options.VaultUri.IsAbsoluteUri || options.VaultUri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.VaultUri)} must be an absolute https URI: Key Vault's bearer tokens are only sent over TLS.");
        }
        else if (!string.IsNullOrEmpty(options.VaultUri.UserInfo) || !string.IsNullOrEmpty(options.VaultUri.Query))
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.VaultUri)} must not carry user information or a query.");
        }

        if (options.ClientOptions?.Diagnostics.IsLoggingContentEnabled == true)
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.ClientOptions)}.Diagnostics.IsLoggingContentEnabled must be false: content logging would write secret values to the Azure SDK's logs.");
        }

        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.MaxConcurrency)} must be from 1 to 256.");
        }

        if (options.OperationPollingInterval < TimeSpan.FromMilliseconds(1) || options.OperationPollingInterval > MaxPollingInterval)
        {
            failures.Add($"{nameof(AzureKeyVaultSecretStoreOptions.OperationPollingInterval)} must be from 1 millisecond to 1 minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when <paramref name="options"/> are invalid.</summary>
    public static void ThrowIfInvalid(AzureKeyVaultSecretStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AzureKeyVaultSecretStoreOptions), result.Failures);
        }
    }
}
