using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using SecretsAbstractions.AwsSecretsManager.Tests.Server;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Conformance;

/// <summary>The store against the signature-verifying Secrets Manager test server, with forced deletion so that
/// names can be reused as the suites do.</summary>
public sealed class AwsSecretsManagerFixture : SecretStoreFixture
{
    private SecretsManagerTestServer? _server;

    public SecretsManagerTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Stages | SecretStoreCapabilities.Binary | SecretStoreCapabilities.Batch;

    /// <summary>Every HTTP request the server received.</summary>
    public override long? BackendCallCount => _server?.RequestCount;

    public override string MissingVersionId => "00000000-0000-0000-0000-000000000000";

    public override string? CurrentStage => AwsSecretsManagerSecretStore.CurrentStage;

    protected override async ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _server = await SecretsManagerTestServer.StartAsync();
        return TestStores.Create(_server, loggerFactory.CreateLogger<AwsSecretsManagerSecretStore>(), options => options.ForceDeleteWithoutRecovery = true);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        try
        {
            await base.DisposeAsyncCore();
        }
        finally
        {
            (Store as IDisposable)?.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}

/// <summary>Stores wired to a test server.</summary>
public static class TestStores
{
    public static AwsSecretsManagerSecretStore Create(SecretsManagerTestServer server, ILogger<AwsSecretsManagerSecretStore>? logger = null, Action<AwsSecretsManagerSecretStoreOptions>? configure = null, AWSCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        var options = new AwsSecretsManagerSecretStoreOptions
        {
            Region = SecretsManagerTestServer.Region,
            ServiceUrl = server.ServiceUrl,
            Credentials = credentials ?? new BasicAWSCredentials(server.AcceptedKey.AccessKeyId, server.AcceptedKey.SecretAccessKey),
            GetEnvironmentVariable = _ => null,
        };
        configure?.Invoke(options);
        return new AwsSecretsManagerSecretStore(options, timeProvider, logger);
    }
}
