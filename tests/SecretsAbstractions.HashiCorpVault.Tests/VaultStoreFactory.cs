using Microsoft.Extensions.Logging;
using SecretsAbstractions.HashiCorpVault.Internal;
using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests;

/// <summary>Creates stores against a test server, with their logs captured and no environment defaults.</summary>
internal static class VaultStoreFactory
{
    public static HashiCorpVaultSecretStore Create(
        VaultTestServer server,
        Action<HashiCorpVaultSecretStoreOptions> configure,
        TimeProvider? time = null,
        CapturingLoggerProvider? logs = null,
        HttpMessageHandler? handler = null)
    {
        var options = new HashiCorpVaultSecretStoreOptions
        {
            Address = server.Address.ToString(),
            UseEnvironmentDefaults = false,
        };
        configure(options);
        var loggerFactory = logs is null ? null : LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        return new HashiCorpVaultSecretStore(options, VaultEnvironment.Empty, handler, time ?? TimeProvider.System, loggerFactory);
    }

    /// <summary>A server with a KV v2 mount <c>secret</c> and a KV v1 mount <c>kv</c>.</summary>
    public static async Task<VaultTestServer> StartServerAsync(TimeProvider? time = null)
    {
        var server = await VaultTestServer.StartAsync(time);
        server.MountKvV2("secret");
        server.MountKvV1("kv");
        return server;
    }
}
