using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Tests.Conformance.InMemory;

/// <summary>The in-memory store, writable and versioned, seeded through its own writer.</summary>
public sealed class InMemorySecretStoreFixture : SecretStoreFixture
{
    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISecretStore>(new InMemorySecretStore());
}
