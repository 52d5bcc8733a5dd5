using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SecretsAbstractions.Internal;

/// <summary>
/// One file per secret under a root folder; subfolders are name segments. Every path is resolved to its real
/// path (all symbolic links followed) and refused unless it stays inside the real path of the root, so that a
/// Kubernetes volume (visible files linked into <c>..data</c>) works and a link leading elsewhere does not.
/// </summary>
internal sealed class DirectorySecretLayout(string root, bool trimTrailingNewLine, FileStoreContext context) : IFileSecretLayout
{
    // Kubernetes swaps '..data' to a new folder and then deletes the old one; a read caught between
    // resolving a path and opening it finds the file gone, and resolving again finds the new one.
    private const int ReadAttempts = 3;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public SecretNameMapper Mapper => FileNameMapper.Instance;

    public SecretStoreCapabilities Capabilities => SecretStoreCapabilities.Binary;

    public async ValueTask<Secret?> GetAsync(string name, string nativeName, CancellationToken cancellationToken)
    {
        const string Operation = SecretStoreOperations.GetSecret;
        for (int attempt = 1; ; attempt++)
        {
            string? file;
            try
            {
                file = FindSecretFile(name, nativeName, Operation);
            }
            catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
            {
                throw context.FromFileSystem(error, Operation, name);
            }

            if (file is null)
            {
                return null;
            }

            try
            {
                return await ReadAsync(name, file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (FileStoreContext.IsNotFound(error) && attempt < ReadAttempts)
            {
                // Resolve again: see ReadAttempts.
            }
            catch (Exception error) when (FileStoreContext.IsNotFound(error))
            {
                return null;
            }
            catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
            {
                throw context.FromFileSystem(error, Operation, name);
            }
        }
    }

    public async IAsyncEnumerable<SecretProperties> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? realRoot = ResolveRoot(SecretStoreOperations.ListSecrets);
        if (realRoot is null)
        {
            yield break;
        }

        var pending = new Stack<Folder>();
        pending.Push(new Folder(realRoot, string.Empty, Parent: null));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var secret in ScanFolder(folder, realRoot, prefix, pending))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return secret;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async ValueTask<SecretProperties> SetAsync(string name, string nativeName, SecretValue value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        byte[] content = SecretFileCodec.Encode(value);
        try
        {
            string target = PrepareTarget(name, nativeName);
            await SecretFiles.ReplaceAsync(target, content, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, Operation, name);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }

        return new SecretProperties(name) { UpdatedOn = now };
    }

    public ValueTask<bool> DeleteAsync(string name, string nativeName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(Delete(name, nativeName));
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, SecretStoreOperations.DeleteSecret, name);
        }
    }

    private async Task<Secret> ReadAsync(string name, string file, CancellationToken cancellationToken)
    {
        var content = await SecretFiles.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        try
        {
            var value = SecretFileCodec.Decode(content.Bytes, trimTrailingNewLine);
            return new Secret(new SecretProperties(name) { UpdatedOn = content.LastWriteTime }, value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content.Bytes);
        }
    }

    /// <summary>The real path of the secret's file, or <see langword="null"/> when there is no such file.</summary>
    private string? FindSecretFile(string name, string nativeName, string operation)
    {
        string? realRoot = ResolveRoot(operation);
        string? file = realRoot is null ? null : RealPath.Resolve(Path.Join(realRoot, nativeName));
        if (file is null)
        {
            return null;
        }

        if (!RealPath.IsInside(file, realRoot!))
        {
            throw context.LinkEscape(name, operation);
        }

        return Directory.Exists(file) ? null : file;
    }

    /// <summary>The real path of the root, or <see langword="null"/> when it does not exist.</summary>
    private string? ResolveRoot(string operation)
    {
        string? realRoot;
        try
        {
            realRoot = RealPath.Resolve(root);
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, operation, secretName: null);
        }

        if (realRoot is not null && !Directory.Exists(realRoot))
        {
            throw context.Error(SecretStoreErrorCode.Unavailable, $"The store's root '{root}' is not a folder.", operation, secretName: null);
        }

        return realRoot;
    }

    /// <summary>Reads one folder: returns its secrets under <paramref name="prefix"/> and queues the subfolders
    /// that may hold more. Nothing is read from the files themselves.</summary>
    private List<SecretProperties> ScanFolder(Folder folder, string realRoot, string? prefix, Stack<Folder> pending)
    {
        const string Operation = SecretStoreOperations.ListSecrets;
        var secrets = new List<SecretProperties>();
        try
        {
            foreach (var entry in new DirectoryInfo(folder.RealPath).EnumerateFileSystemInfos())
            {
                string? name = NameOf(folder, entry.Name);
                if (name is null)
                {
                    continue;
                }

                FileSystemInfo? target = entry.LinkTarget is null ? entry : ResolveListedLink(entry, name, realRoot);
                if (target is DirectoryInfo subfolder)
                {
                    QueueSubfolder(folder, subfolder.FullName, name, prefix, pending);
                }
                else if (target is not null && SecretName.HasPrefix(name, prefix))
                {
                    secrets.Add(new SecretProperties(name) { UpdatedOn = new DateTimeOffset(target.LastWriteTimeUtc) });
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The folder went away while it was being listed; it holds no secrets any more.
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            throw context.FromFileSystem(error, Operation, folder.Name.Length == 0 ? null : folder.Name);
        }

        return secrets;
    }

    /// <summary>The logical name of an entry, or <see langword="null"/> when it is not a secret or a folder of
    /// secrets (Kubernetes internals, temporary files, names no logical name maps to).</summary>
    private static string? NameOf(Folder folder, string entryName)
    {
        if (FileNameMapper.GetSegmentError(entryName) is not null)
        {
            return null;
        }

        string name = folder.Name.Length == 0 ? entryName : folder.Name + SecretName.Separator + entryName;
        return SecretName.IsValid(name) ? name : null;
    }

    /// <summary>Follows a listed link: its real file or folder when it stays inside the root, else
    /// <see langword="null"/> (a link leading nowhere is skipped; one leading outside is also logged).</summary>
    private FileSystemInfo? ResolveListedLink(FileSystemInfo link, string name, string realRoot)
    {
        string? real;
        try
        {
            real = RealPath.Resolve(link.FullName);
        }
        catch (IOException)
        {
            // Links that loop lead nowhere: skipped like a link to nothing.
            FileSecretStoreLog.LinkLoopSkipped(context.Logger, context.StoreName, name);
            return null;
        }

        if (real is null)
        {
            return null;
        }

        if (!RealPath.IsInside(real, realRoot))
        {
            FileSecretStoreLog.LinkEscapesRoot(context.Logger, context.StoreName, name);
            return null;
        }

        return Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
    }

    private void QueueSubfolder(Folder folder, string realPath, string name, string? prefix, Stack<Folder> pending)
    {
        if (!ListingPrefix.MayHoldMatches(name, prefix))
        {
            return;
        }

        if (folder.IsSelfOrAncestor(realPath))
        {
            FileSecretStoreLog.LinkLoopSkipped(context.Logger, context.StoreName, name);
            return;
        }

        pending.Push(new Folder(realPath, name, folder));
    }

    /// <summary>Finds where to write the secret: creates missing folders on the way and refuses a path that
    /// leaves the root or runs into a secret (a file where a folder is needed, or a folder where the file goes).</summary>
    private string PrepareTarget(string name, string nativeName)
    {
        const string Operation = SecretStoreOperations.SetSecret;
        string? realRoot = ResolveRoot(Operation);
        if (realRoot is null)
        {
            SecretFiles.CreateDirectory(root);
            realRoot = ResolveRoot(Operation)!;
        }

        string[] segments = nativeName.Split(Path.DirectorySeparatorChar);
        string folder = realRoot;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            string candidate = Path.Join(folder, segments[i]);
            string? real = RealPath.Resolve(candidate);
            if (real is null)
            {
                if (new FileInfo(candidate).LinkTarget is not null)
                {
                    throw context.Conflict(name, Operation, $"'{FolderName(segments, i)}' is a symbolic link that leads nowhere, so it cannot hold secrets.");
                }

                SecretFiles.CreateDirectory(candidate);
                real = candidate;
            }
            else if (!RealPath.IsInside(real, realRoot))
            {
                throw context.LinkEscape(name, Operation);
            }
            else if (!Directory.Exists(real))
            {
                throw context.Conflict(name, Operation, $"'{FolderName(segments, i)}' is a secret, so it cannot hold other secrets.");
            }

            folder = real;
        }

        string target = Path.Join(folder, segments[^1]);
        string? realTarget = RealPath.Resolve(target);
        if (realTarget is null)
        {
            return target;
        }

        if (!RealPath.IsInside(realTarget, realRoot))
        {
            throw context.LinkEscape(name, Operation);
        }

        if (Directory.Exists(realTarget))
        {
            throw context.Conflict(name, Operation, "The name is a folder of other secrets, so it cannot hold a value.");
        }

        return realTarget;
    }

    /// <summary>Deletes the entry at the secret's path (a link is removed, not what it points to); folders stay.</summary>
    private bool Delete(string name, string nativeName)
    {
        const string Operation = SecretStoreOperations.DeleteSecret;
        string? realRoot = ResolveRoot(Operation);
        if (realRoot is null)
        {
            return false;
        }

        string? parentPath = Path.GetDirectoryName(nativeName);
        string? folder = string.IsNullOrEmpty(parentPath) ? realRoot : RealPath.Resolve(Path.Join(realRoot, parentPath));
        if (folder is null || !Directory.Exists(folder))
        {
            return false;
        }

        if (!ReferenceEquals(folder, realRoot) && !RealPath.IsInside(folder, realRoot))
        {
            throw context.LinkEscape(name, Operation);
        }

        string entry = Path.Join(folder, Path.GetFileName(nativeName));
        var info = new FileInfo(entry);
        if (info.LinkTarget is not null)
        {
            string? real = RealPath.Resolve(entry);
            if (real is null || Directory.Exists(real))
            {
                return false;
            }

            if (!RealPath.IsInside(real, realRoot))
            {
                throw context.LinkEscape(name, Operation);
            }
        }
        else if (!info.Exists)
        {
            return false;
        }

        File.Delete(entry);
        return true;
    }

    private static string FolderName(string[] segments, int lastIndex) =>
        string.Join(SecretName.Separator, segments, 0, lastIndex + 1);

    /// <summary>A folder being listed: its real path, its logical name, and the folder that holds it (to stop at
    /// links that lead back to a folder being listed).</summary>
    private sealed record Folder(string RealPath, string Name, Folder? Parent)
    {
        public bool IsSelfOrAncestor(string realPath)
        {
            for (Folder? folder = this; folder is not null; folder = folder.Parent)
            {
                if (string.Equals(folder.RealPath, realPath, PathComparison))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
