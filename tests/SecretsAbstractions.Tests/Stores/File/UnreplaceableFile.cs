using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace SecretsAbstractions.Tests.Stores;

/// <summary>
/// Makes the file system itself refuse to replace one file, so that a write really fails: the folder is made
/// read-only (enough for an ordinary user); when the process is privileged and ignores permissions (root in a
/// container), the file is marked immutable instead (Linux <c>FS_IMMUTABLE_FL</c>), so that the store can
/// write its temporary file but the rename over the target fails. Both are undone on dispose.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class UnreplaceableFile : IDisposable
{
    private const UnixFileMode ReadOnlyFolder =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly string _folder;
    private readonly UnixFileMode _folderMode;
    private readonly string? _immutableFile;

    private UnreplaceableFile(string folder, UnixFileMode folderMode, string? immutableFile)
    {
        _folder = folder;
        _folderMode = folderMode;
        _immutableFile = immutableFile;
    }

    /// <summary>Protects <paramref name="file"/>, or skips the test when this system offers no way to.</summary>
    public static UnreplaceableFile Protect(string file)
    {
        string folder = Path.GetDirectoryName(file)!;
        var folderMode = File.GetUnixFileMode(folder);
        File.SetUnixFileMode(folder, ReadOnlyFolder);
        if (!CanCreateFileIn(folder))
        {
            return new UnreplaceableFile(folder, folderMode, immutableFile: null);
        }

        File.SetUnixFileMode(folder, folderMode);
        if (Immutable.TrySet(file, immutable: true))
        {
            return new UnreplaceableFile(folder, folderMode, file);
        }

        Assert.Skip("This process ignores file permissions and cannot mark files immutable, so no write can be made to fail.");
        throw new UnreachableException();
    }

    public void Dispose()
    {
        if (_immutableFile is not null)
        {
            Immutable.TrySet(_immutableFile, immutable: false);
        }

        File.SetUnixFileMode(_folder, _folderMode);
    }

    private static bool CanCreateFileIn(string folder)
    {
        string probe = Path.Join(folder, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static class Immutable
    {
        // From linux/fs.h; the same numbers on x86-64 and arm64.
        private const nuint GetFlags = 0x80086601;
        private const nuint SetFlags = 0x40086602;
        private const int ImmutableFlag = 0x10;

        public static bool TrySet(string file, bool immutable)
        {
            try
            {
                using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read);
                int descriptor = (int)handle.DangerousGetHandle();
                int flags = 0;
                if (NativeMethods.ioctl(descriptor, GetFlags, ref flags) != 0)
                {
                    return false;
                }

                flags = immutable ? flags | ImmutableFlag : flags & ~ImmutableFlag;
                return NativeMethods.ioctl(descriptor, SetFlags, ref flags) == 0;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The C function's name.")]
        public static extern int ioctl(int fd, nuint request, ref int flags);
    }
}
