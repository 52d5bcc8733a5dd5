namespace SecretsAbstractions.Testing.Tests.Conformance.InMemory;

public sealed class InMemoryReadTests(InMemorySecretStoreFixture fixture) : SecretStoreReadConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryListTests(InMemorySecretStoreFixture fixture) : SecretStoreListConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryBulkReadTests(InMemorySecretStoreFixture fixture) : SecretStoreBulkReadConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryWriteTests(InMemorySecretStoreFixture fixture) : SecretStoreWriteConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryNameTests(InMemorySecretStoreFixture fixture) : SecretStoreNameConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryConcurrencyTests(InMemorySecretStoreFixture fixture) : SecretStoreConcurrencyConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryRedactionTests(InMemorySecretStoreFixture fixture) : SecretStoreRedactionConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryCancellationTests(InMemorySecretStoreFixture fixture) : SecretStoreCancellationConformanceTests<InMemorySecretStoreFixture>(fixture);

public sealed class InMemoryMetadataTests(InMemorySecretStoreFixture fixture) : SecretStoreMetadataConformanceTests<InMemorySecretStoreFixture>(fixture);
