using Azure.Core;
using Azure.Security.KeyVault.Secrets;

namespace SecretsAbstractions.AzureKeyVault;

/// <summary>Options of <see cref="AzureKeyVaultSecretStore"/>.</summary>
/// <remarks>Set either <see cref="VaultUri"/> (the store creates its <see cref="SecretClient"/> from
/// <see cref="Credential"/> and <see cref="ClientOptions"/>) or <see cref="Client"/> (a client of your own,
/// used as it is).</remarks>
public sealed class AzureKeyVaultSecretStoreOptions
{
    /// <summary>The vault's URI, such as <c>https://myvault.vault.azure.net/</c>; absolute and <c>https</c>.
    /// Required unless <see cref="Client"/> is set.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>The credential the store's client authenticates with; a <c>DefaultAzureCredential</c> by default
    /// (the DI registration uses a <see cref="TokenCredential"/> registered in the container first).
    /// Must be <see langword="null"/> when <see cref="Client"/> is set.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>A <see cref="SecretClient"/> of your own. The store uses it as it is, including its retry policy;
    /// set <see cref="EnableSdkRetries"/> to say whether that policy retries. When set, <see cref="VaultUri"/>,
    /// <see cref="Credential"/> and <see cref="ClientOptions"/> must be left unset.</summary>
    public SecretClient? Client { get; set; }

    /// <summary>Options passed to the client the store creates (service version, transport, diagnostics,
    /// <c>DisableChallengeResourceVerification</c>, retry settings). The store changes
    /// <see cref="Azure.Core.ClientOptions.Retry"/><c>.MaxRetries</c> on this instance to 0 unless
    /// <see cref="EnableSdkRetries"/> is set. Content logging (<c>Diagnostics.IsLoggingContentEnabled</c>)
    /// is refused: it would log secret values.</summary>
    public SecretClientOptions? ClientOptions { get; set; }

    /// <summary>Whether the Azure SDK retries failed requests itself; <see langword="false"/> by default.</summary>
    /// <remarks>
    /// <para>Retries belong to exactly one layer, so that they never multiply. By default the store's client
    /// sends each request once (<c>Retry.MaxRetries = 0</c>) and a throttled (429) or failing (5xx, network)
    /// request surfaces at once as a transient <see cref="SecretStoreException"/>
    /// (<see cref="SecretStoreErrorCode.Throttled"/> with <see cref="SecretStoreException.RetryAfter"/>, or
    /// <see cref="SecretStoreErrorCode.Unavailable"/>), for the resilience decorator (<c>UseResilience</c>) or
    /// the caller to retry. Set this to <see langword="true"/> to let the SDK retry instead: it then retries as
    /// <see cref="ClientOptions"/>' <c>Retry</c> says (by default 3 retries with exponential back-off, honouring
    /// <c>Retry-After</c>), one read may send up to <c>MaxRetries + 1</c> requests, and the failure the SDK gives
    /// up on is reported with <see cref="SecretStoreException.IsTransient"/> <see langword="false"/>, so that
    /// <c>UseResilience</c> does not retry it again. With a <see cref="Client"/> of your own, the store does not
    /// change its retry policy: set this option to <see langword="true"/> when that policy retries.</para>
    /// <para>The challenge round trip of Key Vault's authentication (a first request answered 401, once per vault
    /// host and process) is not a retry and happens either way.</para>
    /// </remarks>
    public bool EnableSdkRetries { get; set; }

    /// <summary>Whether <see cref="ISecretWriter.DeleteSecretAsync"/> also purges the soft-deleted secret;
    /// <see langword="false"/> by default.</summary>
    /// <remarks>Key Vault keeps a deleted secret recoverable for its retention period, and its name cannot be
    /// used again until it is purged or recovered (a set fails with <see cref="SecretStoreErrorCode.Conflict"/>).
    /// With this option the store waits for the deletion to complete, then purges, which needs the purge
    /// permission and fails on vaults with purge protection.</remarks>
    public bool PurgeOnDelete { get; set; }

    /// <summary>How many reads <see cref="ISecretStore.GetSecretsAsync"/> runs at once (Key Vault has no batch
    /// API); <see cref="SecretBatch.DefaultMaxConcurrency"/> (16) by default, from 1 to 256.</summary>
    public int MaxConcurrency { get; set; } = SecretBatch.DefaultMaxConcurrency;

    /// <summary>How long to wait between polls while a delete or recovery completes; 1 second by default,
    /// from 1 millisecond to 1 minute. Waits go through the store's <see cref="TimeProvider"/>.</summary>
    public TimeSpan OperationPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The name of the store in errors, logs and metrics; <c>AzureKeyVault</c> by default.</summary>
    public string? StoreName { get; set; }
}
