using System.Buffers;
using System.Globalization;
using System.Text;

namespace SecretsAbstractions.Internal;

/// <summary>
/// Maps logical names to paths under a <see cref="FileSecretStore"/> root in the directory format: each
/// segment is a directory or file name. Refuses segments that are not valid file names on the current OS,
/// and segments starting with <c>..</c>, which mark Kubernetes internals (<c>..data</c>) and the store's
/// own temporary files.
/// </summary>
internal sealed class FileNameMapper : SecretNameMapper
{
    /// <summary>Names starting with this are never secrets: Kubernetes internals and temporary files.</summary>
    public const string ReservedPrefix = "..";

    // NAME_MAX on Linux and macOS counts bytes; Windows counts UTF-16 code units.
    private const int MaxSegmentLength = 255;

    private static readonly SearchValues<char> InvalidFileNameChars = SearchValues.Create(Path.GetInvalidFileNameChars());

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    public static FileNameMapper Instance { get; } = new();

    /// <summary>Explains why <paramref name="segment"/> cannot be a file name, or returns <see langword="null"/>.</summary>
    public static string? GetSegmentError(string segment)
    {
        if (segment.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return "it starts with '..', which marks Kubernetes internals and temporary files";
        }

        int invalid = segment.AsSpan().IndexOfAny(InvalidFileNameChars);
        if (invalid >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"U+{(int)segment[invalid]:X4} is not allowed in file names on this system");
        }

        int length = OperatingSystem.IsWindows() ? segment.Length : Encoding.UTF8.GetByteCount(segment);
        if (length > MaxSegmentLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is longer than the {MaxSegmentLength} {(OperatingSystem.IsWindows() ? "characters" : "bytes")} a file name may have");
        }

        return OperatingSystem.IsWindows() ? GetWindowsSegmentError(segment) : null;
    }

    protected override string? GetBackendError(string name)
    {
        string[] segments = name.Split(SecretName.Separator);
        for (int i = 0; i < segments.Length; i++)
        {
            if (GetSegmentError(segments[i]) is { } reason)
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {i + 1} is not a valid file name: {reason}");
            }
        }

        return null;
    }

    protected override string MapToNative(string name) =>
        Path.DirectorySeparatorChar == SecretName.Separator ? name : name.Replace(SecretName.Separator, Path.DirectorySeparatorChar);

    protected override string? MapToLogical(string nativeName) =>
        Path.DirectorySeparatorChar == SecretName.Separator ? nativeName : nativeName.Replace(Path.DirectorySeparatorChar, SecretName.Separator);

    private static string? GetWindowsSegmentError(string segment)
    {
        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return "Windows drops a final '.' or space from file names";
        }

        int dot = segment.IndexOf('.', StringComparison.Ordinal);
        string stem = (dot < 0 ? segment : segment[..dot]).TrimEnd(' ');
        return WindowsDeviceNames.Contains(stem) ? "it is a reserved device name on Windows" : null;
    }
}
