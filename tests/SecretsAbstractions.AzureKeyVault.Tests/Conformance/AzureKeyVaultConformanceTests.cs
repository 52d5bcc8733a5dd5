using SecretsAbstractions.Testing;

namespace SecretsAbstractions.AzureKeyVault.Tests.Conformance;

// One concrete class per suite; AzureKeyVaultConformanceCoverageTests fails when one is missing.

public sealed class AzureKeyVaultReadTests(AzureKeyVaultFixture fixture) : SecretStoreReadConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultListTests(AzureKeyVaultFixture fixture) : SecretStoreListConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultBulkReadTests(AzureKeyVaultFixture fixture) : SecretStoreBulkReadConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultWriteTests(AzureKeyVaultFixture fixture) : SecretStoreWriteConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultNameTests(AzureKeyVaultFixture fixture) : SecretStoreNameConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultConcurrencyTests(AzureKeyVaultFixture fixture) : SecretStoreConcurrencyConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultRedactionTests(AzureKeyVaultFixture fixture) : SecretStoreRedactionConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultCancellationTests(AzureKeyVaultFixture fixture) : SecretStoreCancellationConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultMetadataTests(AzureKeyVaultFixture fixture) : SecretStoreMetadataConformanceTests<AzureKeyVaultFixture>(fixture);

public sealed class AzureKeyVaultConformanceCoverageTests : ConformanceCoverageTests;
