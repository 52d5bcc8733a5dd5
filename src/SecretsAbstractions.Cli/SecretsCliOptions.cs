using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using SecretsAbstractions.Resilience;

namespace SecretsAbstractions.Cli;

/// <summary>Hooks for running the tool in-process in tests. Each one left unset keeps the production behaviour:
/// the system clock, the library's resilience defaults, and Azure's <c>DefaultAzureCredential</c> with the SDK's
/// own transport.</summary>
internal sealed class SecretsCliOptions
{
    public static SecretsCliOptions Default { get; } = new();

    /// <summary>The clock of the stores and the resilience pipeline.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Changes the resilience options after the defaults are set (tests shorten the retry delays).</summary>
    public Action<SecretStoreResilienceOptions>? ConfigureResilience { get; init; }

    /// <summary>The credential of an Azure Key Vault store selected with <c>--store azure</c>, by vault URI (each
    /// test server accepts its own token).</summary>
    public Func<Uri, TokenCredential>? AzureCredential { get; init; }

    /// <summary>The client options (transport) of Azure Key Vault stores selected with <c>--store azure</c>.</summary>
    public SecretClientOptions? AzureClientOptions { get; init; }
}
