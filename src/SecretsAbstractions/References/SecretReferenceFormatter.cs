using System.Text;

namespace SecretsAbstractions;

/// <summary>Writes the canonical form of a <see cref="SecretReference"/>, escaping only what must be escaped.</summary>
internal static class SecretReferenceFormatter
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Format(SecretReference reference)
    {
        var text = new StringBuilder(SecretReferenceParser.Prefix.Length + reference.StoreName.Length + reference.SecretName.Length + 16)
            .Append(SecretReferenceParser.Prefix)
            .Append(reference.StoreName)
            .Append('/');

        // The name's "/" stay as they are: they separate segments, which never contain one.
        AppendEscaped(text, reference.SecretName, MustEscapeInNameOrField);

        var version = reference.Version;
        if (!version.IsLatest)
        {
            text.Append(version.Kind == SecretVersionKind.Stage ? "?stage=" : "?version=");
            AppendEscaped(text, version.Value!, static c => !SecretReferenceParser.IsUnreserved(c));
        }

        if (reference.Field is { } field)
        {
            text.Append('#');
            AppendEscaped(text, field, MustEscapeInNameOrField);
        }

        return text.ToString();
    }

    private static bool MustEscapeInNameOrField(char c) =>
        c is '%' or '?' or '#' or '&' or '=' or ' ' || char.IsControl(c) || !char.IsAscii(c);

    private static void AppendEscaped(StringBuilder text, string value, Func<char, bool> mustEscape)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int i = 0;
        while (i < value.Length)
        {
            char c = value[i];
            if (!mustEscape(c))
            {
                text.Append(c);
                i++;
                continue;
            }

            // SecretReference refuses unpaired surrogates, so every character here has a UTF-8 form.
            Rune.DecodeFromUtf16(value.AsSpan(i), out Rune rune, out int consumed);
            int length = rune.EncodeToUtf8(utf8);
            foreach (byte b in utf8[..length])
            {
                text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }

            i += consumed;
        }
    }
}
