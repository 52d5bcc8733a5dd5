using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests.Conformance;

/// <summary>The in-memory store behind <c>UseResilience()</c> with its default options: it must be indistinguishable from
/// the store it wraps, writes included.</summary>
public sealed class ResilientInMemoryFixture : SecretStoreFixture
{
    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new InMemorySecretStore().AsBuilder().UseResilience().Build());
}

public sealed class ResilientReadTests(ResilientInMemoryFixture fixture) : SecretStoreReadConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientListTests(ResilientInMemoryFixture fixture) : SecretStoreListConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientBulkReadTests(ResilientInMemoryFixture fixture) : SecretStoreBulkReadConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientWriteTests(ResilientInMemoryFixture fixture) : SecretStoreWriteConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientNameTests(ResilientInMemoryFixture fixture) : SecretStoreNameConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientConcurrencyTests(ResilientInMemoryFixture fixture) : SecretStoreConcurrencyConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientRedactionTests(ResilientInMemoryFixture fixture) : SecretStoreRedactionConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientCancellationTests(ResilientInMemoryFixture fixture) : SecretStoreCancellationConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientMetadataTests(ResilientInMemoryFixture fixture) : SecretStoreMetadataConformanceTests<ResilientInMemoryFixture>(fixture);

public sealed class ResilientConformanceCoverageTests : ConformanceCoverageTests;
