namespace SecretsAbstractions.Testing.Tests.Conformance;

/// <summary>Every fixture of this project runs every suite.</summary>
public sealed class StoreConformanceCoverageTests : ConformanceCoverageTests;
