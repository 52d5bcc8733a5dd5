using System.Reflection;
using System.Text;

namespace SecretsAbstractions.Packaging.Tests.Infrastructure;

/// <summary>Packs every project under <c>src/</c> once, into a temporary folder, with its own artifacts path so that
/// it never touches the repository's bin/obj while other test projects build and run.</summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>The version every package is packed with: a prerelease no real release will ever use.</summary>
    public const string Version = "0.0.1-packagingtest";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The repository these tests were built from.</summary>
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A temporary folder, deleted after the tests.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "secretsabstractions-packaging-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Where the .nupkg and .snupkg files are.</summary>
    public string PackageFolder => Path.Combine(WorkDirectory, "packages");

    /// <summary>The package ids: the names of the projects under <c>src/</c>.</summary>
    public IReadOnlyList<string> PackageIds { get; private set; } = [];

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; private set; } = string.Empty;

    /// <summary>The path of package <paramref name="id"/>'s .nupkg (or, with <paramref name="symbols"/>, its .snupkg).</summary>
    public string PackagePath(string id, bool symbols = false) =>
        Path.Combine(PackageFolder, $"{id}.{Version}.{(symbols ? "snupkg" : "nupkg")}");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) == Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();
        PackageIds = [.. projects.Select(Path.GetFileNameWithoutExtension).OfType<string>()];

        // One solution of just the shipped projects: one restore and one parallel build, instead of one per project.
        var solution = new StringBuilder("<Solution>\n");
        foreach (string project in projects)
        {
            solution.Append("  <Project Path=\"").Append(Path.GetRelativePath(WorkDirectory, project).Replace('\\', '/')).Append("\" />\n");
        }

        solution.Append("</Solution>\n");
        string solutionPath = Path.Combine(WorkDirectory, "shipped.slnx");
        await File.WriteAllTextAsync(solutionPath, solution.ToString());

        using var timeout = new CancellationTokenSource(PackTimeout);
        var result = await DotnetCli.RunAsync(
            WorkDirectory,
            ["pack", solutionPath, "-c", "Release", "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
             $"-p:PackageOutputPath={PackageFolder}", $"-p:Version={Version}", "-nodeReuse:false",
             // The solution lives in a temporary folder: restore with the repository's sources and mapping all the same.
             $"-p:RestoreConfigFile={Path.Combine(RepositoryRoot, "nuget.config")}"],
            timeout.Token);
        PackOutput = result.Output + result.Error;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the folder is under the temporary path anyway.
        }

        return ValueTask.CompletedTask;
    }

    private static string FindRepositoryRoot() =>
        typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("The test assembly does not name the repository it was built from.");
}
