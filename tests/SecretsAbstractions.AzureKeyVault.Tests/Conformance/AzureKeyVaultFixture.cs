using Microsoft.Extensions.Logging;
using SecretsAbstractions.AzureKeyVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AzureKeyVault.Tests.Conformance;

/// <summary>The real <see cref="Azure.Security.KeyVault.Secrets.SecretClient"/> against the HTTPS Key Vault
/// test server, with purge on delete so that names can be reused as the suites do.</summary>
public sealed class AzureKeyVaultFixture : SecretStoreFixture
{
    private KeyVaultTestServer? _server;

    public KeyVaultTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions;

    /// <summary>Every HTTP request the server received, challenge round trips included.</summary>
    public override long? BackendCallCount => _server?.RequestCount;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    public override string MissingVersionId => "0123456789abcdef0123456789abcdef";

    protected override async ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _server = await KeyVaultTestServer.StartAsync();
        return new AzureKeyVaultSecretStore(
            new AzureKeyVaultSecretStoreOptions
            {
                VaultUri = _server.VaultUri,
                Credential = new TestTokenCredential(_server.AcceptedToken),
                ClientOptions = _server.CreateClientOptions(),
                PurgeOnDelete = true,
                OperationPollingInterval = TimeSpan.FromMilliseconds(1),
            },
            logger: loggerFactory.CreateLogger<AzureKeyVaultSecretStore>());
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        try
        {
            await base.DisposeAsyncCore();
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
