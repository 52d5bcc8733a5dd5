using SecretsAbstractions.Testing.Tests.Conformance.InMemory;
using Xunit.Sdk;

namespace SecretsAbstractions.Testing.Tests.Conformance;

public sealed class ConformanceCoverageGuardTests
{
    private static readonly Type[] InMemorySuiteClasses =
    [
        typeof(InMemoryReadTests),
        typeof(InMemoryListTests),
        typeof(InMemoryBulkReadTests),
        typeof(InMemoryWriteTests),
        typeof(InMemoryNameTests),
        typeof(InMemoryConcurrencyTests),
        typeof(InMemoryRedactionTests),
        typeof(InMemoryCancellationTests),
        typeof(InMemoryMetadataTests),
    ];

    [Fact]
    public void Suites_are_every_abstract_suite_of_the_package()
    {
        Type[] expected =
        [
            typeof(SecretStoreBulkReadConformanceTests<>),
            typeof(SecretStoreCancellationConformanceTests<>),
            typeof(SecretStoreConcurrencyConformanceTests<>),
            typeof(SecretStoreListConformanceTests<>),
            typeof(SecretStoreMetadataConformanceTests<>),
            typeof(SecretStoreNameConformanceTests<>),
            typeof(SecretStoreReadConformanceTests<>),
            typeof(SecretStoreRedactionConformanceTests<>),
            typeof(SecretStoreWriteConformanceTests<>),
        ];

        Assert.Equal(expected, ConformanceCoverage.Suites);
    }

    [Fact]
    public void Passes_when_the_fixture_runs_every_suite()
    {
        Type[] types = [typeof(InMemorySecretStoreFixture), .. InMemorySuiteClasses];

        Assert.Empty(ConformanceCoverage.FindMissingSuites(types));
        ConformanceCoverage.AssertAllSuitesImplemented(types);
    }

    [Fact]
    public void Fails_naming_the_fixture_and_the_suite_it_skips()
    {
        Type[] types = [typeof(InMemorySecretStoreFixture), .. InMemorySuiteClasses.Where(t => t != typeof(InMemoryCancellationTests))];

        var missing = ConformanceCoverage.FindMissingSuites(types);
        var error = Assert.Throws<FailException>(() => ConformanceCoverage.AssertAllSuitesImplemented(types));

        var (fixture, suites) = Assert.Single(missing);
        Assert.Equal(typeof(InMemorySecretStoreFixture), fixture);
        Assert.Equal([typeof(SecretStoreCancellationConformanceTests<>)], suites);
        Assert.Contains(typeof(InMemorySecretStoreFixture).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("SecretStoreCancellationConformanceTests", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretStoreReadConformanceTests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_fixture_from_a_suite_class_even_when_the_fixture_type_is_not_given()
    {
        Type[] types = [typeof(InMemoryReadTests)];

        var missing = ConformanceCoverage.FindMissingSuites(types);

        var suites = Assert.Single(missing).Value;
        Assert.Equal(ConformanceCoverage.Suites.Count - 1, suites.Count);
        Assert.DoesNotContain(typeof(SecretStoreReadConformanceTests<>), suites);
    }

    [Fact]
    public void Fails_for_a_fixture_that_runs_no_suite()
    {
        var missing = ConformanceCoverage.FindMissingSuites([typeof(InMemorySecretStoreFixture)]);

        Assert.Equal(ConformanceCoverage.Suites, Assert.Single(missing).Value);
        Assert.Throws<FailException>(() => ConformanceCoverage.AssertAllSuitesImplemented([typeof(InMemorySecretStoreFixture)]));
    }

    [Fact]
    public void Fails_when_there_is_no_fixture_at_all()
    {
        var error = Assert.Throws<FailException>(() => ConformanceCoverage.AssertAllSuitesImplemented([typeof(string), typeof(ConformanceCoverageGuardTests)]));

        Assert.Contains("No store fixture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_non_public_fixtures_as_xunit_does()
    {
        Type[] types = [typeof(InMemorySecretStoreFixture), typeof(HiddenFixture), .. InMemorySuiteClasses];

        Assert.Empty(ConformanceCoverage.FindMissingSuites(types));
    }

    [Fact]
    public void Passes_for_this_assembly_with_its_three_fixtures()
    {
        Assert.Empty(ConformanceCoverage.FindMissingSuites(typeof(ConformanceCoverageGuardTests).Assembly));
    }

    private sealed class HiddenFixture : SecretStoreFixture
    {
        public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.None;

        protected override ValueTask<ISecretStore> CreateStoreAsync(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Never created: it only shows that non-public fixtures are ignored.");
    }
}
