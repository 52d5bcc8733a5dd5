using System.Diagnostics.CodeAnalysis;
using Xunit;

namespace SecretsAbstractions.Testing;

/// <summary>
/// Derive one concrete class from this in a store's test project: its test fails when a store fixture of the
/// project does not run every conformance suite (see <see cref="ConformanceCoverage"/>).
/// </summary>
public abstract class ConformanceCoverageTests
{
    /// <summary>Every store fixture in this test assembly runs every conformance suite.</summary>
    [Fact]
    [RequiresUnreferencedCode("Finds test classes by scanning assemblies with reflection; for test projects, which are not trimmed.")]
    public virtual void EveryStoreFixtureRunsEveryConformanceSuite() =>
        ConformanceCoverage.AssertAllSuitesImplemented(GetType().Assembly);
}
