using SecretsAbstractions.Packaging.Tests.Infrastructure;

// Packing takes a while: it happens once for the whole assembly, and every test reads the same packages.
[assembly: AssemblyFixture(typeof(PackedPackages))]
