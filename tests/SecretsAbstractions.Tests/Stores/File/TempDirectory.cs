using System.Text;

namespace SecretsAbstractions.Tests.Stores;

/// <summary>A fresh folder for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("sa-file-store-").FullName;

    public string Path { get; }

    /// <summary>A path under this folder; <c>/</c> in <paramref name="relativePath"/> separates folders.</summary>
    public string Combine(string relativePath) =>
        System.IO.Path.Join(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string WriteText(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] content)
    {
        string path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string ReadText(string relativePath) => System.IO.File.ReadAllText(Combine(relativePath));

    /// <summary>Creates a symbolic link at <paramref name="relativePath"/> whose target is <paramref name="target"/>
    /// as given (relative targets are relative to the link's folder).</summary>
    public void Link(string relativePath, string target)
    {
        string path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            System.IO.File.CreateSymbolicLink(path, target);
        }
        catch (Exception error) when (OperatingSystem.IsWindows() && error is UnauthorizedAccessException or IOException)
        {
            Assert.Skip("Creating symbolic links on Windows needs Developer Mode or an elevated process.");
        }
    }

    /// <summary>The store's temporary files left in this folder tree (there should be none).</summary>
    public string[] TemporaryFiles() =>
        Directory.GetFiles(Path, "..tmp-*", SearchOption.AllDirectories);

    public FileSecretStore CreateStore(
        bool allowWrites = false, bool trim = false, TimeProvider? timeProvider = null,
        Microsoft.Extensions.Logging.ILogger<FileSecretStore>? logger = null, string? path = null, string? storeName = null) =>
        new(
            new FileSecretStoreOptions
            {
                Path = path ?? Path,
                AllowWrites = allowWrites,
                TrimTrailingNewLine = trim,
                StoreName = storeName,
            },
            timeProvider,
            logger);

    public FileSecretStore CreateJsonStore(
        string fileName = "secrets.json", bool allowWrites = false, TimeProvider? timeProvider = null,
        Microsoft.Extensions.Logging.ILogger<FileSecretStore>? logger = null) =>
        new(
            new FileSecretStoreOptions
            {
                Path = Combine(fileName),
                Format = FileSecretStoreFormat.Json,
                AllowWrites = allowWrites,
            },
            timeProvider,
            logger);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a folder left behind in the temp directory must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
