using Microsoft.Extensions.Logging;
using SecretsAbstractions.AzureKeyVault.Tests.Server;

namespace SecretsAbstractions.AzureKeyVault.Tests;

/// <summary>A test server and a credential for it, with stores on the real SecretClient created on demand.</summary>
public sealed class KeyVaultHarness : IAsyncDisposable
{
    private KeyVaultHarness(KeyVaultTestServer server)
    {
        Server = server;
        Credential = new TestTokenCredential(server.AcceptedToken);
    }

    public KeyVaultTestServer Server { get; }

    public TestTokenCredential Credential { get; }

    public static async Task<KeyVaultHarness> StartAsync(TimeProvider? timeProvider = null) =>
        new(await KeyVaultTestServer.StartAsync(timeProvider));

    public AzureKeyVaultSecretStoreOptions CreateOptions(Action<AzureKeyVaultSecretStoreOptions>? configure = null)
    {
        var options = new AzureKeyVaultSecretStoreOptions
        {
            VaultUri = Server.VaultUri,
            Credential = Credential,
            ClientOptions = Server.CreateClientOptions(),
            OperationPollingInterval = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        return options;
    }

    public AzureKeyVaultSecretStore CreateStore(Action<AzureKeyVaultSecretStoreOptions>? configure = null, ILogger<AzureKeyVaultSecretStore>? logger = null, TimeProvider? timeProvider = null) =>
        new(CreateOptions(configure), timeProvider, logger);

    /// <summary>Makes one authenticated round trip so that the challenge of this host is cached, then forgets
    /// the recorded requests: what follows counts only the requests of the operation under test.</summary>
    public async Task WarmUpAsync(AzureKeyVaultSecretStore store)
    {
        _ = await store.GetSecretAsync("warm-up", cancellationToken: TestContext.Current.CancellationToken);
        Server.ClearRequests();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
