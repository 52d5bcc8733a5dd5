namespace SecretsAbstractions.Testing.Tests.Conformance.Decorated;

public sealed class QuietChaosReadTests(QuietChaosFixture fixture) : SecretStoreReadConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosListTests(QuietChaosFixture fixture) : SecretStoreListConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosBulkReadTests(QuietChaosFixture fixture) : SecretStoreBulkReadConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosWriteTests(QuietChaosFixture fixture) : SecretStoreWriteConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosNameTests(QuietChaosFixture fixture) : SecretStoreNameConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosConcurrencyTests(QuietChaosFixture fixture) : SecretStoreConcurrencyConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosRedactionTests(QuietChaosFixture fixture) : SecretStoreRedactionConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosCancellationTests(QuietChaosFixture fixture) : SecretStoreCancellationConformanceTests<QuietChaosFixture>(fixture);

public sealed class QuietChaosMetadataTests(QuietChaosFixture fixture) : SecretStoreMetadataConformanceTests<QuietChaosFixture>(fixture);
