using System.Globalization;
using System.Text;

namespace SecretsAbstractions;

/// <summary>
/// Parses the grammar documented on <see cref="SecretReference"/> from left to right, so that the
/// first error found is the leftmost one and its position is exact.
/// </summary>
internal sealed class SecretReferenceParser
{
    internal const string Prefix = "secret://";
    private const string VersionKey = "version=";
    private const string StageKey = "stage=";

    private readonly string _text;
    private int _position;

    private SecretReferenceParser(string text) => _text = text;

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

    public static SecretReference Parse(string text) => new SecretReferenceParser(text).ParseReference();

    internal static bool IsStoreNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    internal static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    // The same test as SecretName applies, one UTF-16 code unit at a time.
    internal static bool IsForbiddenInName(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    // The same test as SecretVersion.FromId and FromStage apply.
    internal static bool IsForbiddenInVersion(char c) => char.IsControl(c) || char.IsWhiteSpace(c);

    private SecretReference ParseReference()
    {
        ParseScheme();
        string storeName = ParseStoreName();
        string secretName = ParseSecretName();
        SecretVersion version = ParseVersion();
        string? field = ParseField();
        return new SecretReference(storeName, secretName, version, field);
    }

    private void ParseScheme()
    {
        int common = 0;
        while (common < Prefix.Length && common < _text.Length && _text[common] == Prefix[common])
        {
            common++;
        }

        if (common < Prefix.Length)
        {
            throw Fail(common, "expected the scheme \"secret://\" at the start");
        }

        _position = Prefix.Length;
    }

    private string ParseStoreName()
    {
        int start = _position;
        while (!AtEnd && IsStoreNameChar(Current))
        {
            _position++;
        }

        int length = _position - start;
        if (length > SecretReference.MaxStoreNameLength)
        {
            throw Fail(start + SecretReference.MaxStoreNameLength, "expected \"/\" after at most 128 characters of store name");
        }

        if (length == 0)
        {
            throw AtEnd || Current == '/'
                ? Fail(_position, "expected a store name after \"secret://\"")
                : Fail(_position, "expected a store name (ASCII letters, digits, \"-\", \"_\" and \".\") after \"secret://\"");
        }

        if (AtEnd)
        {
            throw Fail(_position, "expected \"/\" and a secret name after the store name");
        }

        if (Current != '/')
        {
            throw Fail(_position, "expected \"/\" after the store name, which has only ASCII letters, digits, \"-\", \"_\" and \".\"");
        }

        _position++;
        return _text.Substring(start, length);
    }

    private string ParseSecretName()
    {
        if (AtEndOfName())
        {
            throw Fail(_position, "expected a secret name after the store name and \"/\"");
        }

        var name = new StringBuilder();
        int segmentStart = _position;
        int segmentOffset = 0;
        while (true)
        {
            if (AtEndOfName())
            {
                CheckSegment(name, segmentOffset, segmentStart);
                return name.ToString();
            }

            int charStart = _position;
            Rune rune = ReadRune();
            if (rune.Value == SecretName.Separator)
            {
                // A decoded "%2F" separates segments like "/": a logical name has no "/" inside a segment.
                CheckSegment(name, segmentOffset, segmentStart);
                segmentStart = _position;
                segmentOffset = name.Length + 1;
            }
            else
            {
                CheckNameCharacter(rune, charStart);
            }

            name.Append(rune);
            if (name.Length > SecretName.MaxLength)
            {
                throw Fail(charStart, $"expected the end of the secret name: a decoded name has at most {SecretName.MaxLength} characters");
            }
        }
    }

    private bool AtEndOfName() => AtEnd || Current is '?' or '#';

    private void CheckSegment(StringBuilder name, int segmentOffset, int segmentStart)
    {
        int length = name.Length - segmentOffset;
        if (length == 0)
        {
            throw Fail(segmentStart, "expected a name segment: a secret name has no empty segment (no leading, trailing or doubled \"/\")");
        }

        if (length <= 2 && IsDotSegment(name, segmentOffset, length))
        {
            throw Fail(segmentStart, "expected a name segment other than \".\" or \"..\"");
        }
    }

    private static bool IsDotSegment(StringBuilder name, int offset, int length) =>
        name[offset] == '.' && (length == 1 || name[offset + 1] == '.');

    private void CheckNameCharacter(Rune rune, int charStart)
    {
        Span<char> utf16 = stackalloc char[2];
        int count = rune.EncodeToUtf16(utf16);
        foreach (char c in utf16[..count])
        {
            if (IsForbiddenInName(c))
            {
                throw Fail(charStart, string.Create(CultureInfo.InvariantCulture, $"expected a name character, not the control or format character U+{(int)c:X4}"));
            }
        }
    }

    private SecretVersion ParseVersion()
    {
        if (AtEnd || Current != '?')
        {
            return SecretVersion.Latest;
        }

        _position++;
        bool isStage;
        if (_text.AsSpan(_position).StartsWith(VersionKey, StringComparison.Ordinal))
        {
            isStage = false;
            _position += VersionKey.Length;
        }
        else if (_text.AsSpan(_position).StartsWith(StageKey, StringComparison.Ordinal))
        {
            isStage = true;
            _position += StageKey.Length;
        }
        else
        {
            throw Fail(_position, "expected \"version=\" or \"stage=\" after \"?\"");
        }

        string what = isStage ? "stage" : "version id";
        string value = ParseParameterValue(what);
        if (value.Length == 0)
        {
            throw Fail(_position, $"expected a {what} after \"{(isStage ? StageKey : VersionKey)}\"");
        }

        return isStage ? SecretVersion.FromStage(value) : SecretVersion.FromId(value);
    }

    private string ParseParameterValue(string what)
    {
        var value = new StringBuilder();
        while (!AtEnd && Current != '#')
        {
            int charStart = _position;
            char c = Current;
            if (c is '&' or '?' or ';')
            {
                throw Fail(charStart, "expected \"#\" or the end of the reference: a reference has at most one parameter");
            }

            if (c != '%' && !IsUnreserved(c))
            {
                throw Fail(charStart, $"expected an ASCII letter, digit, \"-\", \".\", \"_\", \"~\" or a percent-encoded byte in the {what}");
            }

            Rune rune = ReadRune();
            if (rune.IsBmp && IsForbiddenInVersion((char)rune.Value))
            {
                throw Fail(charStart, $"expected a {what} without white space or control characters");
            }

            value.Append(rune);
        }

        return value.ToString();
    }

    private string? ParseField()
    {
        if (AtEnd)
        {
            return null;
        }

        // Only "#" can follow the name or the parameter.
        _position++;
        if (AtEnd)
        {
            throw Fail(_position, "expected a field name after \"#\"");
        }

        var field = new StringBuilder();
        while (!AtEnd)
        {
            if (Current == '#')
            {
                throw Fail(_position, "expected the end of the reference: a \"#\" in a field name is written \"%23\"");
            }

            field.Append(ReadRune());
        }

        return field.ToString();
    }

    /// <summary>Reads one character: a literal one (a surrogate pair counts as one) or one percent-encoded UTF-8 sequence.</summary>
    private Rune ReadRune()
    {
        if (Current == '%')
        {
            return ReadEncodedRune();
        }

        if (Rune.DecodeFromUtf16(_text.AsSpan(_position), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
        {
            throw Fail(_position, "expected a well-formed character, not an unpaired surrogate");
        }

        _position += consumed;
        return rune;
    }

    private Rune ReadEncodedRune()
    {
        int start = _position;
        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = ReadEncodedByte();
        int length = Utf8SequenceLength(bytes[0]);
        for (int count = 1; count < length; count++)
        {
            if (AtEnd || Current != '%')
            {
                throw Fail(start, "expected percent-encoded bytes that are valid UTF-8 (this sequence is incomplete)");
            }

            bytes[count] = ReadEncodedByte();
        }

        if (length == 0
            || Rune.DecodeFromUtf8(bytes[..length], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done
            || consumed != length)
        {
            throw Fail(start, "expected percent-encoded bytes that are valid UTF-8");
        }

        return rune;
    }

    private byte ReadEncodedByte()
    {
        if (_position + 2 >= _text.Length
            || !char.IsAsciiHexDigit(_text[_position + 1])
            || !char.IsAsciiHexDigit(_text[_position + 2]))
        {
            throw Fail(_position, "expected two hexadecimal digits after \"%\"");
        }

        byte value = byte.Parse(_text.AsSpan(_position + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        _position += 3;
        return value;
    }

    // 0 for a byte that cannot start a sequence; DecodeFromUtf8 rejects the rest (overlong forms, surrogates).
    private static int Utf8SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF5 => 4,
        _ => 0,
    };

    private SecretReferenceFormatException Fail(int position, string expected) =>
        SecretReferenceFormatException.At(_text, position, expected);
}
