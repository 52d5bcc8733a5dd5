using System.Globalization;
using System.Text;
using CsCheck;

namespace SecretsAbstractions.Tests.Names;

/// <summary>CsCheck generators of logical names and of the characters they may and may not hold.</summary>
internal static class NameGenerators
{
    /// <summary>Characters that URLs, queries and fragments treat specially; names may hold them.</summary>
    public const string Delimiters = "%?#&=+ :;@!$'()*,[]{}\\\"<>|^`~";

    /// <summary>Every control character (C0, DEL and C1).</summary>
    public static readonly Gen<char> ControlChar =
        Gen.OneOf(Gen.Char['\u0000', '\u001F'], Gen.Char['\u007F', '\u009F']);

    /// <summary>Some Unicode format characters (category Cf): soft hyphen, zero-width space and joiners, bidi marks, BOM.</summary>
    public static readonly Gen<char> FormatChar = Gen.Char["\u00AD\u200B\u200C\u200D\u200E\u200F\u202A\u202E\u2060\u2066\uFEFF"];

    /// <summary>One character a segment may hold, as a string (a supplementary character is a surrogate pair).</summary>
    public static readonly Gen<string> SegmentChar = Gen.Frequency(
        (6, Gen.Char['!', '~'].Where(c => c != SecretName.Separator).Select(c => c.ToString())),
        (2, Gen.Char[Delimiters].Select(c => c.ToString())),
        (2, Gen.Char['\u00A0', '\uFFFD'].Where(IsAllowedBmp).Select(c => c.ToString())),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(code => new Rune(code)).Where(IsAllowedSupplementary).Select(rune => rune.ToString())));

    /// <summary>A segment: 1 to 12 allowed characters, never <c>.</c> or <c>..</c>.</summary>
    public static readonly Gen<string> Segment =
        SegmentChar.Array[1, 12].Select(string.Concat).Where(s => s is not "." and not "..");

    /// <summary>A valid logical name of 1 to 6 segments.</summary>
    public static readonly Gen<string> ValidName =
        Segment.Array[1, 6].Select(segments => string.Join(SecretName.Separator, segments));

    /// <summary>The segments of a valid name.</summary>
    public static readonly Gen<string[]> ValidSegments = Segment.Array[1, 6];

    private static bool IsAllowedBmp(char c) =>
        !char.IsSurrogate(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;

    // Leaves out supplementary format characters (U+E0001, ...), which the documented rules forbid.
    private static bool IsAllowedSupplementary(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.Control);
}
