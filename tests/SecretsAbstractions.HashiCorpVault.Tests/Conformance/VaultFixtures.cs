using Microsoft.Extensions.Logging;
using SecretsAbstractions.HashiCorpVault.Internal;
using SecretsAbstractions.HashiCorpVault.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Conformance;

/// <summary>Base of the Vault fixtures: a test server of its own, a token whose policy allows only the mount, and
/// the store. <see cref="BackendCallCount"/> counts the requests the server received.</summary>
public abstract class VaultFixture : SecretStoreFixture
{
    private VaultTestServer? _server;

    public override long? BackendCallCount => Server.RequestCount;

    internal VaultTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    protected abstract string Mount { get; }

    protected abstract VaultKvVersion ConfiguredVersion { get; }

    /// <summary>Sets how the store authenticates; by default with a token whose policy allows only the mount.</summary>
    internal virtual void ConfigureAuth(VaultTestServer server, HashiCorpVaultAuthOptions auth) =>
        auth.Token = server.CreateToken(["app"], TimeSpan.FromHours(1), TimeSpan.FromHours(24));

    internal abstract void CreateMount(VaultTestServer server);

    protected override async ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _server = await VaultTestServer.StartAsync();
        CreateMount(_server);
        _server.AddPolicy("app").Allow(Mount + "/*", "create", "read", "update", "delete", "list");
        var options = new HashiCorpVaultSecretStoreOptions
        {
            Address = _server.Address.ToString(),
            Mount = Mount,
            KvVersion = ConfiguredVersion,
            UseEnvironmentDefaults = false,
        };
        ConfigureAuth(_server, options.Auth);
        var store = new HashiCorpVaultSecretStore(options, VaultEnvironment.Empty, handler: null, TimeProvider.System, loggerFactory);
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A KV v2 mount whose version the store detects through <c>sys/internal/ui/mounts</c>.</summary>
public sealed class VaultKvV2Fixture : VaultFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions;

    protected override string Mount => "secret";

    protected override VaultKvVersion ConfiguredVersion => VaultKvVersion.Auto;

    // The concurrency suite reads back every version it wrote; Vault keeps 10 by default, so the mount is
    // configured as an operator would (max_versions in <mount>/config).
    internal override void CreateMount(VaultTestServer server) => server.MountKvV2(Mount).MaxVersions = 1000;
}

/// <summary>A KV v1 mount, configured as such.</summary>
public sealed class VaultKvV1Fixture : VaultFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write;

    protected override string Mount => "kv";

    protected override VaultKvVersion ConfiguredVersion => VaultKvVersion.V1;

    internal override void CreateMount(VaultTestServer server) => server.MountKvV1(Mount);
}

/// <summary>A KV v2 mount read with an AppRole login whose token lives 5 minutes, so that the suites also run
/// through the login path.</summary>
public sealed class VaultKvV2AppRoleFixture : VaultFixture
{
    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions;

    protected override string Mount => "apps/kv";

    protected override VaultKvVersion ConfiguredVersion => VaultKvVersion.V2;

    internal override void CreateMount(VaultTestServer server) => server.MountKvV2(Mount).MaxVersions = 1000;

    internal override void ConfigureAuth(VaultTestServer server, HashiCorpVaultAuthOptions auth)
    {
        server.AddAppRole("conformance-role", "conformance-secret-id", ["app"], TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        auth.Method = VaultAuthMethod.AppRole;
        auth.RoleId = "conformance-role";
        auth.SecretId = "conformance-secret-id";
    }
}
