using System.Text;
using System.Text.Unicode;

namespace SecretsAbstractions.Internal;

/// <summary>Turns file bytes into secret values and back.</summary>
/// <remarks>Bytes that are valid UTF-8 are text, anything else is binary. A leading UTF-8 byte order mark
/// is dropped on read (as <see cref="File.ReadAllText(string)"/> does); a text starting with U+FEFF is
/// written with a byte order mark in front, so that it reads back unchanged.</remarks>
internal static class SecretFileCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static SecretValue Decode(ReadOnlySpan<byte> content, bool trimTrailingNewLine)
    {
        if (!Utf8.IsValid(content))
        {
            return SecretValue.FromBytes(content);
        }

        if (content.StartsWith(ByteOrderMark))
        {
            content = content[ByteOrderMark.Length..];
        }

        if (trimTrailingNewLine && content.EndsWith("\n"u8))
        {
            content = content.EndsWith("\r\n"u8) ? content[..^2] : content[..^1];
        }

        return SecretValue.FromString(Encoding.UTF8.GetString(content));
    }

    /// <summary>Whether a value can be stored: bytes always, text when it is valid UTF-16 (no unpaired surrogate).</summary>
    public static bool IsEncodable(SecretValue value)
    {
        if (value.IsBinary)
        {
            return true;
        }

        try
        {
            StrictUtf8.GetByteCount(value.RevealString());
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Encodes a value that <see cref="IsEncodable"/> accepted. The caller clears the array after use.</summary>
    public static byte[] Encode(SecretValue value)
    {
        if (value.IsBinary)
        {
            return value.RevealBytes().ToArray();
        }

        string text = value.RevealString();
        int bom = text.StartsWith('\uFEFF') ? ByteOrderMark.Length : 0;
        byte[] content = new byte[bom + StrictUtf8.GetByteCount(text)];
        ByteOrderMark[..bom].CopyTo(content);
        StrictUtf8.GetBytes(text, content.AsSpan(bom));
        return content;
    }
}
