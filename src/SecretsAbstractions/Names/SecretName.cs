using System.Buffers;
using System.Globalization;
using System.Text;

namespace SecretsAbstractions;

/// <summary>
/// The logical naming scheme shared by every store: <c>/</c>-separated segments, such as
/// <c>app/db/password</c>. A valid name is 1 to <see cref="MaxLength"/> characters, has no empty,
/// <c>.</c> or <c>..</c> segment (so no leading, trailing or doubled <c>/</c>), no control or
/// Unicode format characters, and no lone surrogates. Names are case-sensitive; a backend that is
/// not maps them through its <see cref="SecretNameMapper"/>.
/// </summary>
public static class SecretName
{
    /// <summary>The longest logical name, in UTF-16 code units. Backends may allow less.</summary>
    public const int MaxLength = 1024;

    /// <summary>The segment separator.</summary>
    public const char Separator = '/';

    private const int DisplayLength = 80;

    /// <summary>Whether <paramref name="name"/> is a valid logical name.</summary>
    /// <param name="name">The name to check.</param>
    public static bool IsValid(string? name) => GetError(name) is null;

    /// <summary>Explains why <paramref name="name"/> is not a valid logical name.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns>The reason, or <see langword="null"/> when the name is valid.</returns>
    public static string? GetError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a secret name must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a secret name must be at most {MaxLength} characters; this one has {name.Length}");
        }

        return GetSegmentsError(name, allowPartialLastSegment: false);
    }

    /// <summary>Throws <see cref="SecretStoreErrorCode.InvalidName"/> unless <paramref name="name"/> is a valid logical name.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="storeName">The store, for the error.</param>
    /// <param name="operation">The operation, for the error.</param>
    /// <exception cref="SecretStoreException">The name is invalid.</exception>
    public static void Validate(string? name, string? storeName = null, string? operation = null)
    {
        if (GetError(name) is { } error)
        {
            throw Invalid(name, error, storeName, operation);
        }
    }

    /// <summary>
    /// Throws <see cref="SecretStoreErrorCode.InvalidName"/> unless <paramref name="prefix"/> is a valid
    /// listing prefix: <see langword="null"/>, empty, or the start of a valid name (it may end with
    /// <c>/</c> or in the middle of a segment).
    /// </summary>
    /// <param name="prefix">The prefix to check.</param>
    /// <param name="storeName">The store, for the error.</param>
    /// <exception cref="SecretStoreException">The prefix can never start a valid name.</exception>
    public static void ValidatePrefix(string? prefix, string? storeName = null)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return;
        }

        string? error = prefix.Length > MaxLength
            ? string.Create(CultureInfo.InvariantCulture, $"a prefix must be at most {MaxLength} characters")
            : GetSegmentsError(prefix, allowPartialLastSegment: true);
        if (error is not null)
        {
            throw Invalid(prefix, error, storeName, SecretStoreOperations.ListSecrets);
        }
    }

    /// <summary>Whether <paramref name="name"/> is listed under <paramref name="prefix"/> (ordinal string prefix).</summary>
    /// <param name="name">A logical name.</param>
    /// <param name="prefix">A listing prefix; <see langword="null"/> or empty matches every name.</param>
    public static bool HasPrefix(string name, string? prefix) =>
        string.IsNullOrEmpty(prefix) || name.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Splits a valid name into its segments.</summary>
    /// <param name="name">A valid logical name.</param>
    public static string[] GetSegments(string name)
    {
        Validate(name);
        return name.Split(Separator);
    }

    /// <summary>Renders a name for messages: control, format and non-ASCII white-space characters escaped as
    /// <c>\uXXXX</c>, and long names shortened, so a hostile name cannot forge log lines.</summary>
    /// <param name="name">Any string.</param>
    public static string ForDisplay(string? name)
    {
        if (name is null)
        {
            return "(null)";
        }

        var text = new StringBuilder(Math.Min(name.Length, DisplayLength) + 8);
        foreach (char c in name.Length > DisplayLength ? name.AsSpan(0, DisplayLength) : name.AsSpan())
        {
            if (char.IsSurrogate(c) || IsForbidden(new Rune(c)) || (c > 0x7F && char.IsWhiteSpace(c)) || c == '\\' || c == '\'')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return name.Length > DisplayLength ? text.Append("...").ToString() : text.ToString();
    }

    /// <summary>Creates the <see cref="SecretStoreErrorCode.InvalidName"/> error for <paramref name="name"/>.</summary>
    /// <param name="name">The rejected name.</param>
    /// <param name="reason">Why it was rejected, in lower case without a final period.</param>
    /// <param name="storeName">The store.</param>
    /// <param name="operation">The operation.</param>
    public static SecretStoreException Invalid(string? name, string reason, string? storeName = null, string? operation = null) =>
        new(SecretStoreErrorCode.InvalidName, $"Invalid secret name '{ForDisplay(name)}': {reason}.")
        {
            StoreName = storeName,
            Operation = operation,
        };

    private static string? GetSegmentsError(string name, bool allowPartialLastSegment)
    {
        int segmentStart = 0;
        int segmentIndex = 0;
        for (int i = 0; i <= name.Length; i++)
        {
            if (i < name.Length)
            {
                char c = name[i];
                if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out _) != OperationStatus.Done)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"unpaired surrogate at position {i}");
                }

                if (IsForbidden(rune))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"control or format character U+{rune.Value:X4} at position {i}");
                }

                if (rune.IsBmp is false)
                {
                    i++; // the low surrogate of the pair just checked
                    continue;
                }

                if (c != Separator)
                {
                    continue;
                }
            }

            bool isLast = i == name.Length;
            if (isLast && allowPartialLastSegment)
            {
                break;
            }

            var segment = name.AsSpan(segmentStart, i - segmentStart);
            if (segment.IsEmpty)
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {segmentIndex + 1} is empty (at position {segmentStart}); names must not start or end with '/' or contain '//'");
            }

            if (segment is "." or "..")
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {segmentIndex + 1} is '{segment}' (at position {segmentStart}); relative segments are not allowed");
            }

            segmentStart = i + 1;
            segmentIndex++;
        }

        return null;
    }

    private static bool IsForbidden(Rune rune) =>
        Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
}
