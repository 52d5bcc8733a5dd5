namespace SecretsAbstractions.Caching.Tests.Conformance;

public sealed class CachedInMemoryReadTests(CachedInMemoryFixture fixture) : SecretStoreReadConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryListTests(CachedInMemoryFixture fixture) : SecretStoreListConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryBulkReadTests(CachedInMemoryFixture fixture) : SecretStoreBulkReadConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryWriteTests(CachedInMemoryFixture fixture) : SecretStoreWriteConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryNameTests(CachedInMemoryFixture fixture) : SecretStoreNameConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryConcurrencyTests(CachedInMemoryFixture fixture) : SecretStoreConcurrencyConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryRedactionTests(CachedInMemoryFixture fixture) : SecretStoreRedactionConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryCancellationTests(CachedInMemoryFixture fixture) : SecretStoreCancellationConformanceTests<CachedInMemoryFixture>(fixture);

public sealed class CachedInMemoryMetadataTests(CachedInMemoryFixture fixture) : SecretStoreMetadataConformanceTests<CachedInMemoryFixture>(fixture);

/// <summary>Every fixture of this project runs every suite.</summary>
public sealed class CachingConformanceCoverageTests : ConformanceCoverageTests;
