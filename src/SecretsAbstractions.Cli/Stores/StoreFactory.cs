using Amazon.Runtime;
using SecretsAbstractions.AwsSecretsManager;
using SecretsAbstractions.AzureKeyVault;
using SecretsAbstractions.Cli.CommandLine;
using SecretsAbstractions.HashiCorpVault;
using SecretsAbstractions.Resilience;

namespace SecretsAbstractions.Cli.Stores;

/// <summary>
/// Builds the stores a command needs, each wrapped in the library's resilience pipeline and nothing else (no cache):
/// from a backend kind and its standard environment variables, or from a configuration file. Owns what it builds.
/// </summary>
/// <remarks>The environment variables the tool reads are passed explicitly into the adapters' options, so that what
/// the tool sees is one dictionary (the process environment in production). Variables the issue does not name
/// (VAULT_CLIENT_CERT, VAULT_SKIP_VERIFY, ~/.vault-token, the rest of the AWS and Azure credential chains) keep
/// working through the adapters' own defaults.</remarks>
internal sealed class StoreFactory(IReadOnlyDictionary<string, string?> environment, SecretsCliOptions hooks) : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private ConfiguredStores? _configured;

    public ISecretStore Create(StoreSelection selection)
    {
        if (selection.ConfigFile is { } file)
        {
            _configured ??= Own(ConfiguredStores.Load(file, hooks));
            return _configured.GetStore(selection.Store, selection.OptionPrefix.Length == 0 ? CommandTable.Store : CommandTable.To);
        }

        ISecretStore inner = selection.Store switch
        {
            StoreSelection.Vault => Own(CreateVault(selection)),
            StoreSelection.Aws => Own(CreateAws()),
            StoreSelection.Azure => CreateAzure(selection),
            StoreSelection.Env => new EnvironmentVariablesSecretStore(new EnvironmentVariablesSecretStoreOptions { Prefix = selection.Prefix, StoreName = StoreSelection.Env }),
            _ => CreateFile(selection),
        };
        return WithResilience(new SecretStoreBuilder(inner), hooks).Build();
    }

    public static SecretStoreBuilder WithResilience(SecretStoreBuilder builder, SecretsCliOptions hooks) =>
        builder.UseResilience(options =>
        {
            options.TimeProvider = hooks.TimeProvider;
            hooks.ConfigureResilience?.Invoke(options);
        });

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private HashiCorpVaultSecretStore CreateVault(StoreSelection selection)
    {
        var options = new HashiCorpVaultSecretStoreOptions
        {
            Address = Variable("VAULT_ADDR"),
            Namespace = Variable("VAULT_NAMESPACE"),
            CaCertificateFile = Variable("VAULT_CACERT"),
            Mount = selection.Mount ?? "secret",
            StoreName = StoreSelection.Vault,
        };
        options.Auth.Token = Variable("VAULT_TOKEN");
        return new HashiCorpVaultSecretStore(options, hooks.TimeProvider);
    }

    private AwsSecretsManagerSecretStore CreateAws()
    {
        var options = new AwsSecretsManagerSecretStoreOptions
        {
            Region = Variable("AWS_REGION"),
            ServiceUrl = AwsEndpoint(),
            StoreName = StoreSelection.Aws,
        };

        // The SDK's chain reads the process environment; passing what this tool was given keeps the tool's view
        // of the environment in one place. The order is the chain's: keys from the environment, then a profile.
        if (Variable("AWS_ACCESS_KEY_ID") is { } accessKey && Variable("AWS_SECRET_ACCESS_KEY") is { } secretKey)
        {
            options.Credentials = Variable("AWS_SESSION_TOKEN") is { } sessionToken
                ? new SessionAWSCredentials(accessKey, secretKey, sessionToken)
                : new BasicAWSCredentials(accessKey, secretKey);
        }
        else if (Variable("AWS_PROFILE") is { } profile)
        {
            options.Profile = profile;
        }

        return new AwsSecretsManagerSecretStore(options, hooks.TimeProvider);
    }

    private Uri? AwsEndpoint()
    {
        foreach (string variable in (ReadOnlySpan<string>)["AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL"])
        {
            if (Variable(variable) is { } value)
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                    ? uri
                    : throw new UsageException($"{variable} must be an absolute http:// or https:// URL.");
            }
        }

        return null;
    }

    private AzureKeyVaultSecretStore CreateAzure(StoreSelection selection)
    {
        string option = "--" + selection.OptionPrefix + CommandTable.VaultUri;
        string source = selection.VaultUri is null ? "AZURE_KEYVAULT_URL" : option;
        string text = selection.VaultUri ?? Variable("AZURE_KEYVAULT_URL")
            ?? throw new UsageException($"Azure Key Vault needs its vault URI: pass {option} https://<vault>.vault.azure.net/ or set AZURE_KEYVAULT_URL.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var vaultUri) || vaultUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"{source} must be an absolute https:// URI such as https://<vault>.vault.azure.net/.");
        }

        return new AzureKeyVaultSecretStore(
            new AzureKeyVaultSecretStoreOptions
            {
                VaultUri = vaultUri,
                Credential = hooks.AzureCredential?.Invoke(vaultUri),
                ClientOptions = hooks.AzureClientOptions,
                StoreName = StoreSelection.Azure,
            },
            hooks.TimeProvider);
    }

    private FileSecretStore CreateFile(StoreSelection selection)
    {
        string path = selection.Path!;

        // An existing file, or a name ending in .json, is one JSON document; anything else is a directory.
        bool json = File.Exists(path) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        return new FileSecretStore(
            new FileSecretStoreOptions
            {
                Path = path,
                Format = json ? FileSecretStoreFormat.Json : FileSecretStoreFormat.Directory,
                AllowWrites = true,
                StoreName = StoreSelection.File,
            },
            hooks.TimeProvider);
    }

    private string? Variable(string name) => environment.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;
}
