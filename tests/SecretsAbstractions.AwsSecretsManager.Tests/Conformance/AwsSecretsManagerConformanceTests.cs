using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AwsSecretsManager.Tests.Conformance;

// One concrete class per suite; AwsSecretsManagerConformanceCoverageTests fails when one is missing.

public sealed class AwsSecretsManagerReadTests(AwsSecretsManagerFixture fixture) : SecretStoreReadConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerListTests(AwsSecretsManagerFixture fixture) : SecretStoreListConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerBulkReadTests(AwsSecretsManagerFixture fixture) : SecretStoreBulkReadConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerWriteTests(AwsSecretsManagerFixture fixture) : SecretStoreWriteConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerNameTests(AwsSecretsManagerFixture fixture) : SecretStoreNameConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerConcurrencyTests(AwsSecretsManagerFixture fixture) : SecretStoreConcurrencyConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerRedactionTests(AwsSecretsManagerFixture fixture) : SecretStoreRedactionConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerCancellationTests(AwsSecretsManagerFixture fixture) : SecretStoreCancellationConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerMetadataTests(AwsSecretsManagerFixture fixture) : SecretStoreMetadataConformanceTests<AwsSecretsManagerFixture>(fixture);

public sealed class AwsSecretsManagerConformanceCoverageTests : ConformanceCoverageTests;
