using System.Globalization;
using System.Text;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>
/// A configuration value cut into literal text and <c>${secret:&lt;reference&gt;}</c> tokens. The one place where the
/// token syntax is read:
/// <list type="bullet">
/// <item><description><c>${secret:</c> (case-sensitive) starts a token, the next <c>}</c> ends it, and the text between is
/// a <see cref="SecretReference"/> (write a <c>}</c> inside a name or field as <c>%7D</c>).</description></item>
/// <item><description><c>$${secret:</c> is the literal text <c>${secret:</c> and starts no token; a <c>$</c> before it
/// stays (<c>$$${secret:</c> is <c>$${secret:</c>).</description></item>
/// <item><description>All other text, including <c>$</c>, <c>$$</c>, <c>${</c> and <c>}</c> elsewhere, is literal.</description></item>
/// </list>
/// </summary>
internal sealed class SecretReferenceTemplate
{
    internal const string TokenStart = "${secret:";
    private const string EscapedTokenStart = "$" + TokenStart;

    private SecretReferenceTemplate(IReadOnlyList<Part> parts, string? unterminatedError, int unterminatedOffset)
    {
        Parts = parts;
        UnterminatedError = unterminatedError;
        UnterminatedOffset = unterminatedOffset;
    }

    /// <summary>The literal text and tokens, in order.</summary>
    public IReadOnlyList<Part> Parts { get; }

    /// <summary>Why the value cannot be resolved as a whole: a <c>${secret:</c> without its <c>}</c>.</summary>
    public string? UnterminatedError { get; }

    /// <summary>Where the unterminated <c>${secret:</c> is.</summary>
    public int UnterminatedOffset { get; }

    public IEnumerable<Token> Tokens => Parts.OfType<Token>();

    /// <summary>Reads <paramref name="value"/>; <see langword="null"/> when it holds no token and no escape, so it
    /// is served as it is.</summary>
    public static SecretReferenceTemplate? TryParse(string? value)
    {
        if (value is null || !value.Contains(TokenStart, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<Part>();
        var literal = new StringBuilder(value.Length);
        int i = 0;
        while (i < value.Length)
        {
            if (string.CompareOrdinal(value, i, EscapedTokenStart, 0, EscapedTokenStart.Length) == 0)
            {
                literal.Append(TokenStart);
                i += EscapedTokenStart.Length;
            }
            else if (string.CompareOrdinal(value, i, TokenStart, 0, TokenStart.Length) == 0)
            {
                int textStart = i + TokenStart.Length;
                int end = value.IndexOf('}', textStart);
                if (end < 0)
                {
                    string error = string.Create(CultureInfo.InvariantCulture,
                        $"the '{TokenStart}' at index {i} of the value has no closing '}}'");
                    return new SecretReferenceTemplate(parts, error, i);
                }

                Flush(parts, literal);
                parts.Add(Token.Parse(value[textStart..end], i));
                i = end + 1;
            }
            else
            {
                literal.Append(value[i]);
                i++;
            }
        }

        Flush(parts, literal);
        return new SecretReferenceTemplate(parts, null, -1);
    }

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Literal(literal.ToString()));
            literal.Clear();
        }
    }

    internal abstract class Part;

    internal sealed class Literal(string text) : Part
    {
        public string Text { get; } = text;
    }

    internal sealed class Token : Part
    {
        private Token(string text, int offset, SecretReference? reference, Exception? parseError)
        {
            Text = text;
            Offset = offset;
            Reference = reference;
            ParseError = parseError;
        }

        /// <summary>The reference as written.</summary>
        public string Text { get; }

        /// <summary>Where the token's <c>${secret:</c> is in the value.</summary>
        public int Offset { get; }

        /// <summary>The parsed reference, or <see langword="null"/> when <see cref="ParseError"/> says why not.</summary>
        public SecretReference? Reference { get; }

        public Exception? ParseError { get; }

        public static Token Parse(string text, int offset)
        {
            try
            {
                return new Token(text, offset, SecretReference.Parse(text), null);
            }
            catch (SecretReferenceFormatException error)
            {
                return new Token(text, offset, null, error);
            }
            catch (SecretStoreException error) when (error.ErrorCode == SecretStoreErrorCode.InvalidName)
            {
                return new Token(text, offset, null, error);
            }
        }
    }
}
