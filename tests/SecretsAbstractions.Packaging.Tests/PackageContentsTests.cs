using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecretsAbstractions.Packaging.Tests.Infrastructure;

namespace SecretsAbstractions.Packaging.Tests;

/// <summary>What each packed package carries: the README, the license expression, tags, a description, the commit it
/// was built from, XML docs, and a symbols package whose PDBs embed every source file.</summary>
public sealed partial class PackageContentsTests(PackedPackages packages)
{
    private const string CliPackageId = "SecretsAbstractions.Cli";

    // Portable PDB custom debug information kind for an embedded source file.
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    [Fact]
    public void Every_project_under_src_is_packed_with_a_symbols_package()
    {
        Assert.Contains("SecretsAbstractions", packages.PackageIds);
        Assert.Contains("SecretsAbstractions.HashiCorpVault", packages.PackageIds);
        foreach (string id in packages.PackageIds)
        {
            Assert.True(File.Exists(packages.PackagePath(id)), $"{id}: no package in {packages.PackageFolder}");
            Assert.True(File.Exists(packages.PackagePath(id, symbols: true)), $"{id}: no symbols package");
        }

        // Only the shipped projects pack: no test project or sample slipped in.
        var packed = Directory.GetFiles(packages.PackageFolder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(packages.PackageIds.Select(id => $"{id}.{PackedPackages.Version}.nupkg").Order(StringComparer.Ordinal), packed);
    }

    [Fact]
    public void Every_package_declares_its_readme_license_description_tags_and_commit()
    {
        string readme = File.ReadAllText(Path.Combine(packages.RepositoryRoot, "README.md"));
        bool builtFromGit = Directory.Exists(Path.Combine(packages.RepositoryRoot, ".git")) || File.Exists(Path.Combine(packages.RepositoryRoot, ".git"));
        var tagsById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in packages.PackageIds)
        {
            using var package = ZipFile.OpenRead(packages.PackagePath(id));
            var metadata = ReadNuspec(package).Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal(id, Value("id"));
            Assert.Equal(PackedPackages.Version, Value("version"));
            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            Assert.False(string.IsNullOrWhiteSpace(Value("description")), $"{id}: no description");
            Assert.Contains("secrets", (Value("tags") ?? string.Empty).Split(' '));
            tagsById[id] = Value("tags") ?? string.Empty;
            Assert.Equal("README.md", Value("readme"));
            using (var reader = new StreamReader(package.GetEntry("README.md")!.Open()))
            {
                Assert.Equal(readme, reader.ReadToEnd());
            }

            // No public remote is known, so no URL is published; the commit is, when the build ran in a git clone.
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));
            Assert.Null(repository.Attribute("url"));
            if (builtFromGit)
            {
                Assert.Matches(CommitPattern(), (string?)repository.Attribute("commit") ?? string.Empty);
            }
        }

        // Each package adds tags of its own to the shared ones, so searches find the right package.
        Assert.Equal(tagsById.Count, tagsById.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Libraries_ship_their_assembly_and_xml_documentation_and_the_cli_ships_as_a_tool()
    {
        foreach (string id in packages.PackageIds)
        {
            using var package = ZipFile.OpenRead(packages.PackagePath(id));
            var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (id == CliPackageId)
            {
                var packageTypes = ReadNuspec(package).Descendants().Where(e => e.Name.LocalName == "packageType");
                Assert.Contains(packageTypes, e => (string?)e.Attribute("name") == "DotnetTool");
                Assert.Contains(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
                continue;
            }

            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            using var docs = new StreamReader(package.GetEntry($"lib/net10.0/{id}.xml")?.Open() ?? throw new Xunit.Sdk.XunitException($"{id}: no XML docs"));
            var members = XDocument.Load(docs).Descendants("member").ToList();
            Assert.NotEmpty(members);
            Assert.All(members, member => Assert.True(
                member.HasElements || !string.IsNullOrWhiteSpace(member.Value),
                $"{id}: {member.Attribute("name")} has empty docs"));
        }
    }

    [Fact]
    public void Symbols_packages_embed_every_source_file_in_their_pdbs()
    {
        foreach (string id in packages.PackageIds)
        {
            using var symbols = ZipFile.OpenRead(packages.PackagePath(id, symbols: true));
            var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(pdbs);
            foreach (var entry in pdbs)
            {
                using var buffer = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(buffer);
                }

                buffer.Position = 0;
                using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
                var reader = provider.GetMetadataReader();
                var embedded = reader.CustomDebugInformation
                    .Select(reader.GetCustomDebugInformation)
                    .Where(info => reader.GetGuid(info.Kind) == EmbeddedSourceKind)
                    .Select(info => info.Parent)
                    .ToHashSet();
                var documents = reader.Documents.ToList();
                Assert.Contains(documents, d => reader.GetString(reader.GetDocument(d).Name).EndsWith(".cs", StringComparison.Ordinal));
                Assert.All(documents, document => Assert.True(
                    embedded.Contains(document),
                    $"{id}: {reader.GetString(reader.GetDocument(document).Name)} is not embedded in {entry.FullName}"));
            }
        }
    }

    private static XElement ReadNuspec(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!;
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
