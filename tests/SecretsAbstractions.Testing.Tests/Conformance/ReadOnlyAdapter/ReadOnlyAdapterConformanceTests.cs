namespace SecretsAbstractions.Testing.Tests.Conformance.ReadOnlyAdapter;

public sealed class ReadOnlyAdapterReadTests(ReadOnlyAdapterFixture fixture) : SecretStoreReadConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterListTests(ReadOnlyAdapterFixture fixture) : SecretStoreListConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterBulkReadTests(ReadOnlyAdapterFixture fixture) : SecretStoreBulkReadConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterWriteTests(ReadOnlyAdapterFixture fixture) : SecretStoreWriteConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterNameTests(ReadOnlyAdapterFixture fixture) : SecretStoreNameConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterConcurrencyTests(ReadOnlyAdapterFixture fixture) : SecretStoreConcurrencyConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterRedactionTests(ReadOnlyAdapterFixture fixture) : SecretStoreRedactionConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterCancellationTests(ReadOnlyAdapterFixture fixture) : SecretStoreCancellationConformanceTests<ReadOnlyAdapterFixture>(fixture);

public sealed class ReadOnlyAdapterMetadataTests(ReadOnlyAdapterFixture fixture) : SecretStoreMetadataConformanceTests<ReadOnlyAdapterFixture>(fixture);
