using Microsoft.Extensions.Logging;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Observability;

/// <summary>The in-memory store behind <c>UseLogging()</c> (logging names too, into the fixture's captured logs) and
/// <c>UseOpenTelemetry()</c>: it must be indistinguishable from the store it wraps, and its logs must stay free of values.</summary>
public sealed class ObservedInMemoryFixture : SecretStoreFixture
{
    public override SecretStoreCapabilities Capabilities =>
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    public override bool RecordsContentType => true;

    public override bool RecordsTags => true;

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new InMemorySecretStore().AsBuilder()
            .UseLogging(loggerFactory, o => o.LogSecretNames = true)
            .UseOpenTelemetry()
            .Build());
}

public sealed class ObservedReadTests(ObservedInMemoryFixture fixture) : SecretStoreReadConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedListTests(ObservedInMemoryFixture fixture) : SecretStoreListConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedBulkReadTests(ObservedInMemoryFixture fixture) : SecretStoreBulkReadConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedWriteTests(ObservedInMemoryFixture fixture) : SecretStoreWriteConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedNameTests(ObservedInMemoryFixture fixture) : SecretStoreNameConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedConcurrencyTests(ObservedInMemoryFixture fixture) : SecretStoreConcurrencyConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedRedactionTests(ObservedInMemoryFixture fixture) : SecretStoreRedactionConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedCancellationTests(ObservedInMemoryFixture fixture) : SecretStoreCancellationConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedMetadataTests(ObservedInMemoryFixture fixture) : SecretStoreMetadataConformanceTests<ObservedInMemoryFixture>(fixture);

public sealed class ObservedConformanceCoverageTests : ConformanceCoverageTests;
