using Microsoft.Win32.SafeHandles;

namespace SecretsAbstractions.Internal;

/// <summary>The file operations of the file store: reading a whole file with its time, creating private
/// folders, and replacing a file atomically.</summary>
internal static class SecretFiles
{
    /// <summary>Temporary files start with this, so that listings skip them and no secret name can reach them.</summary>
    public const string TemporaryFilePrefix = FileNameMapper.ReservedPrefix + "tmp-";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Reads a whole file and its last write time, from one open handle so that both describe the same file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<FileContent> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        long length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
        {
            throw new IOException($"The file '{path}' is too large to hold a secret.");
        }

        byte[] content = new byte[length];
        int total = 0;
        while (total < content.Length)
        {
            int read = await RandomAccess.ReadAsync(handle, content.AsMemory(total), total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        var lastWriteTime = new DateTimeOffset(File.GetLastWriteTimeUtc(handle));
        return new FileContent(total == content.Length ? content : content[..total], lastWriteTime);
    }

    /// <summary>Creates a folder (and its missing parents); new folders are private to the owner on Unix.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>: writes a temporary file in
    /// the same folder, flushes it to disk, stamps its last write time and renames it over the target. A write
    /// that fails or is cancelled removes the temporary file and leaves the target as it was.
    /// </summary>
    /// <remarks>A new file is readable by its owner only (on Unix); a replaced file keeps its permissions.</remarks>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, DateTimeOffset lastWriteTime, CancellationToken cancellationToken)
    {
        string temporary = Path.Join(Path.GetDirectoryName(path), TemporaryFilePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var stream = new FileStream(temporary, NewFileOptions());
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.SetLastWriteTimeUtc(temporary, lastWriteTime.UtcDateTime);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static FileStreamOptions NewFileOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (FileStoreContext.IsFileSystemError(error))
        {
            // The write has already failed; that failure is the one to report.
        }
    }
}

/// <summary>The bytes of a file and when it was last written.</summary>
internal readonly record struct FileContent(byte[] Bytes, DateTimeOffset LastWriteTime);
