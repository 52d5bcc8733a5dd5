using SecretsAbstractions.Testing;

namespace SecretsAbstractions.HashiCorpVault.Tests.Conformance;

public sealed class KvV2ReadTests(VaultKvV2Fixture fixture) : SecretStoreReadConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2ListTests(VaultKvV2Fixture fixture) : SecretStoreListConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2BulkReadTests(VaultKvV2Fixture fixture) : SecretStoreBulkReadConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2WriteTests(VaultKvV2Fixture fixture) : SecretStoreWriteConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2NameTests(VaultKvV2Fixture fixture) : SecretStoreNameConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2ConcurrencyTests(VaultKvV2Fixture fixture) : SecretStoreConcurrencyConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2RedactionTests(VaultKvV2Fixture fixture) : SecretStoreRedactionConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2CancellationTests(VaultKvV2Fixture fixture) : SecretStoreCancellationConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV2MetadataTests(VaultKvV2Fixture fixture) : SecretStoreMetadataConformanceTests<VaultKvV2Fixture>(fixture);

public sealed class KvV1ReadTests(VaultKvV1Fixture fixture) : SecretStoreReadConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1ListTests(VaultKvV1Fixture fixture) : SecretStoreListConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1BulkReadTests(VaultKvV1Fixture fixture) : SecretStoreBulkReadConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1WriteTests(VaultKvV1Fixture fixture) : SecretStoreWriteConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1NameTests(VaultKvV1Fixture fixture) : SecretStoreNameConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1ConcurrencyTests(VaultKvV1Fixture fixture) : SecretStoreConcurrencyConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1RedactionTests(VaultKvV1Fixture fixture) : SecretStoreRedactionConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1CancellationTests(VaultKvV1Fixture fixture) : SecretStoreCancellationConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV1MetadataTests(VaultKvV1Fixture fixture) : SecretStoreMetadataConformanceTests<VaultKvV1Fixture>(fixture);

public sealed class KvV2AppRoleReadTests(VaultKvV2AppRoleFixture fixture) : SecretStoreReadConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleListTests(VaultKvV2AppRoleFixture fixture) : SecretStoreListConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleBulkReadTests(VaultKvV2AppRoleFixture fixture) : SecretStoreBulkReadConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleWriteTests(VaultKvV2AppRoleFixture fixture) : SecretStoreWriteConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleNameTests(VaultKvV2AppRoleFixture fixture) : SecretStoreNameConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleConcurrencyTests(VaultKvV2AppRoleFixture fixture) : SecretStoreConcurrencyConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleRedactionTests(VaultKvV2AppRoleFixture fixture) : SecretStoreRedactionConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleCancellationTests(VaultKvV2AppRoleFixture fixture) : SecretStoreCancellationConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class KvV2AppRoleMetadataTests(VaultKvV2AppRoleFixture fixture) : SecretStoreMetadataConformanceTests<VaultKvV2AppRoleFixture>(fixture);

public sealed class VaultConformanceCoverageTests : ConformanceCoverageTests;
