using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Tests.Conformance.Decorated;

/// <summary>A <see cref="ChaosSecretStore"/> with its default options around the in-memory store: it must be
/// indistinguishable from the store it wraps, writes included.</summary>
public sealed class QuietChaosFixture : SecretStoreFixture
{
    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISecretStore>(new ChaosSecretStore(new InMemorySecretStore()));
}
