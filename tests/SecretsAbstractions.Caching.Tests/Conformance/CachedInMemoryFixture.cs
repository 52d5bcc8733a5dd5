using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Caching.Tests.Conformance;

/// <summary><c>UseCaching()</c> with its defaults around the in-memory store: it must be indistinguishable from the
/// store it wraps, writes included (writes through the cache invalidate it).</summary>
public sealed class CachedInMemoryFixture : SecretStoreFixture
{
    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SecretStoreBuilder(new InMemorySecretStore()).UseCaching().Build());
}
