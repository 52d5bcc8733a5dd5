using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Tests.Conformance;

// One concrete class per suite and store; LocalStoresConformanceCoverageTests fails when one is missing.

public sealed class EnvironmentReadTests(EnvironmentVariablesFixture fixture) : SecretStoreReadConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentListTests(EnvironmentVariablesFixture fixture) : SecretStoreListConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentBulkReadTests(EnvironmentVariablesFixture fixture) : SecretStoreBulkReadConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentWriteTests(EnvironmentVariablesFixture fixture) : SecretStoreWriteConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentNameTests(EnvironmentVariablesFixture fixture) : SecretStoreNameConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentConcurrencyTests(EnvironmentVariablesFixture fixture) : SecretStoreConcurrencyConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentRedactionTests(EnvironmentVariablesFixture fixture) : SecretStoreRedactionConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentCancellationTests(EnvironmentVariablesFixture fixture) : SecretStoreCancellationConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class EnvironmentMetadataTests(EnvironmentVariablesFixture fixture) : SecretStoreMetadataConformanceTests<EnvironmentVariablesFixture>(fixture);

public sealed class ReadOnlyDirectoryReadTests(ReadOnlyDirectoryFixture fixture) : SecretStoreReadConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryListTests(ReadOnlyDirectoryFixture fixture) : SecretStoreListConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryBulkReadTests(ReadOnlyDirectoryFixture fixture) : SecretStoreBulkReadConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryWriteTests(ReadOnlyDirectoryFixture fixture) : SecretStoreWriteConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryNameTests(ReadOnlyDirectoryFixture fixture) : SecretStoreNameConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryConcurrencyTests(ReadOnlyDirectoryFixture fixture) : SecretStoreConcurrencyConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryRedactionTests(ReadOnlyDirectoryFixture fixture) : SecretStoreRedactionConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryCancellationTests(ReadOnlyDirectoryFixture fixture) : SecretStoreCancellationConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class ReadOnlyDirectoryMetadataTests(ReadOnlyDirectoryFixture fixture) : SecretStoreMetadataConformanceTests<ReadOnlyDirectoryFixture>(fixture);

public sealed class WritableDirectoryReadTests(WritableDirectoryFixture fixture) : SecretStoreReadConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryListTests(WritableDirectoryFixture fixture) : SecretStoreListConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryBulkReadTests(WritableDirectoryFixture fixture) : SecretStoreBulkReadConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryWriteTests(WritableDirectoryFixture fixture) : SecretStoreWriteConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryNameTests(WritableDirectoryFixture fixture) : SecretStoreNameConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryConcurrencyTests(WritableDirectoryFixture fixture) : SecretStoreConcurrencyConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryRedactionTests(WritableDirectoryFixture fixture) : SecretStoreRedactionConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryCancellationTests(WritableDirectoryFixture fixture) : SecretStoreCancellationConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableDirectoryMetadataTests(WritableDirectoryFixture fixture) : SecretStoreMetadataConformanceTests<WritableDirectoryFixture>(fixture);

public sealed class WritableJsonFileReadTests(WritableJsonFileFixture fixture) : SecretStoreReadConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileListTests(WritableJsonFileFixture fixture) : SecretStoreListConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileBulkReadTests(WritableJsonFileFixture fixture) : SecretStoreBulkReadConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileWriteTests(WritableJsonFileFixture fixture) : SecretStoreWriteConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileNameTests(WritableJsonFileFixture fixture) : SecretStoreNameConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileConcurrencyTests(WritableJsonFileFixture fixture) : SecretStoreConcurrencyConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileRedactionTests(WritableJsonFileFixture fixture) : SecretStoreRedactionConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileCancellationTests(WritableJsonFileFixture fixture) : SecretStoreCancellationConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class WritableJsonFileMetadataTests(WritableJsonFileFixture fixture) : SecretStoreMetadataConformanceTests<WritableJsonFileFixture>(fixture);

public sealed class CompositeReadTests(CompositeFixture fixture) : SecretStoreReadConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeListTests(CompositeFixture fixture) : SecretStoreListConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeBulkReadTests(CompositeFixture fixture) : SecretStoreBulkReadConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeWriteTests(CompositeFixture fixture) : SecretStoreWriteConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeNameTests(CompositeFixture fixture) : SecretStoreNameConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeConcurrencyTests(CompositeFixture fixture) : SecretStoreConcurrencyConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeRedactionTests(CompositeFixture fixture) : SecretStoreRedactionConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeCancellationTests(CompositeFixture fixture) : SecretStoreCancellationConformanceTests<CompositeFixture>(fixture);

public sealed class CompositeMetadataTests(CompositeFixture fixture) : SecretStoreMetadataConformanceTests<CompositeFixture>(fixture);

public sealed class LocalStoresConformanceCoverageTests : ConformanceCoverageTests;
