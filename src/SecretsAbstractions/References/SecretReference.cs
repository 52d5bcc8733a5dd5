using System.Diagnostics.CodeAnalysis;

namespace SecretsAbstractions;

/// <summary>
/// One string that names a secret: the store that holds it, its logical name, optionally a version
/// or stage, and optionally one field of a JSON-object value. Configuration values and the CLI use it,
/// for example <c>secret://vault/app/db?version=3#password</c>.
/// </summary>
/// <remarks>
/// <para>Grammar (ABNF; <c>ALPHA</c>, <c>DIGIT</c>, <c>unreserved</c> and <c>pct-encoded</c> as in RFC 3986):</para>
/// <code>
/// reference = "secret://" store "/" name [ "?" param ] [ "#" field ]
/// store     = 1*128( ALPHA / DIGIT / "-" / "_" / "." )        ; case-sensitive
/// name      = segment *( "/" segment )                         ; decoded, a valid SecretName
/// segment   = 1*( pct-encoded / any char except "/" "?" "#" "%" )
/// param     = ( "version=" value ) / ( "stage=" value )         ; at most one
/// value     = 1*( unreserved / pct-encoded )                   ; decoded, SecretVersion.FromId / FromStage rules
/// field     = 1*( pct-encoded / any char except "#" "%" )      ; decoded, not empty
/// </code>
/// <list type="bullet">
/// <item><description>The scheme is <c>secret</c>, in lower case exactly.</description></item>
/// <item><description>Percent-encoding is UTF-8: <c>%XX</c> with hexadecimal digits in either case. A <c>%</c>
/// not followed by two hexadecimal digits, bytes that are not valid UTF-8 and unpaired surrogates are errors.</description></item>
/// <item><description>The decoded name must be a valid logical name (<see cref="SecretsAbstractions.SecretName"/>):
/// no empty, <c>.</c> or <c>..</c> segment, no control or format character, at most
/// <see cref="SecretsAbstractions.SecretName.MaxLength"/> characters. A decoded <c>%2F</c> separates segments
/// like <c>/</c>, because a logical name cannot hold a <c>/</c> inside a segment.</description></item>
/// <item><description>Without a parameter the reference names the latest version; <c>version=latest</c> names the
/// version whose id is <c>latest</c>.</description></item>
/// <item><description>An unknown parameter, a second parameter and an empty field are errors.</description></item>
/// </list>
/// <para><see cref="ToString"/> writes the canonical form, which <see cref="Parse"/> reads back to an equal
/// reference. It percent-encodes, with upper-case hexadecimal digits, only <c>%</c>, <c>?</c>, <c>#</c>,
/// <c>&amp;</c>, <c>=</c>, space, control characters and non-ASCII characters in the name and the field,
/// and every character but <c>unreserved</c> ones in the version or stage.</para>
/// <para>Examples: <c>secret://env/app/db/password</c>, <c>secret://aws/prod/api-key?stage=AWSPREVIOUS</c>,
/// <c>secret://vault/app/db?version=3#password</c>, <c>secret://files/caf%C3%A9/p%C3%A0ss#user%20name</c>.</para>
/// </remarks>
/// <param name="StoreName">The name of the store that holds the secret, as the application registered it
/// (for example its DI key): 1 to <see cref="MaxStoreNameLength"/> ASCII letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
/// <param name="SecretName">The logical name of the secret.</param>
/// <param name="Version">The version to read; latest by default.</param>
/// <param name="Field">The field to read from a JSON-object value, or <see langword="null"/> for the whole value.</param>
public sealed record SecretReference(string StoreName, string SecretName, SecretVersion Version = default, string? Field = null)
{
    /// <summary>The scheme of a secret reference: <c>secret</c>.</summary>
    public const string Scheme = "secret";

    /// <summary>The longest store name in a reference.</summary>
    public const int MaxStoreNameLength = 128;

    private readonly string _storeName = CheckStoreName(StoreName, nameof(StoreName));
    private readonly string _secretName = CheckSecretName(SecretName, nameof(SecretName));
    private readonly SecretVersion _version = CheckVersion(Version, nameof(Version));
    private readonly string? _field = CheckField(Field, nameof(Field));

    /// <summary>The name of the store that holds the secret.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than <see cref="MaxStoreNameLength"/>,
    /// or has a character other than an ASCII letter, digit, <c>-</c>, <c>_</c> or <c>.</c>.</exception>
    public string StoreName
    {
        get => _storeName;
        init => _storeName = CheckStoreName(value, nameof(StoreName));
    }

    /// <summary>The logical name of the secret.</summary>
    /// <exception cref="SecretStoreException">The name is not a valid logical name
    /// (<see cref="SecretStoreErrorCode.InvalidName"/>).</exception>
    public string SecretName
    {
        get => _secretName;
        init => _secretName = CheckSecretName(value, nameof(SecretName));
    }

    /// <summary>The version to read.</summary>
    /// <exception cref="ArgumentException">The version id or stage has an unpaired surrogate, which has no UTF-8 form.</exception>
    public SecretVersion Version
    {
        get => _version;
        init => _version = CheckVersion(value, nameof(Version));
    }

    /// <summary>The field to read from a JSON-object value, or <see langword="null"/> for the whole value.</summary>
    /// <exception cref="ArgumentException">The field is empty or has an unpaired surrogate.</exception>
    public string? Field
    {
        get => _field;
        init => _field = CheckField(value, nameof(Field));
    }

    /// <summary>Parses a secret reference.</summary>
    /// <param name="text">The reference, such as <c>secret://vault/app/db?version=3#password</c>.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="SecretReferenceFormatException">The text does not follow the grammar; the exception
    /// says where and what was expected.</exception>
    /// <exception cref="SecretStoreException">The decoded name breaks a rule of <see cref="SecretsAbstractions.SecretName"/>
    /// that the grammar does not check (<see cref="SecretStoreErrorCode.InvalidName"/>).</exception>
    public static SecretReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretReferenceParser.Parse(text);
    }

    /// <summary>Parses a secret reference, without throwing when the text is not one.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="reference">The reference, when the text is a valid one.</param>
    /// <returns>Whether <paramref name="text"/> is a valid secret reference.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SecretReference? reference)
    {
        reference = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            reference = SecretReferenceParser.Parse(text);
            return true;
        }
        catch (SecretReferenceFormatException)
        {
            return false;
        }
        catch (SecretStoreException error) when (error.ErrorCode == SecretStoreErrorCode.InvalidName)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="text"/> is meant as a secret reference: it starts with <c>secret://</c>.
    /// Configuration uses this to tell references from plain values; such a text may still be invalid.</summary>
    /// <param name="text">Any text.</param>
    public static bool LooksLikeReference([NotNullWhen(true)] string? text) =>
        text is not null && text.StartsWith(SecretReferenceParser.Prefix, StringComparison.Ordinal);

    /// <summary>Writes the canonical form of the reference, which <see cref="Parse"/> reads back to an equal one.</summary>
    public override string ToString() => SecretReferenceFormatter.Format(this);

    private static string CheckStoreName(string storeName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(storeName, parameterName);
        if (storeName.Length is 0 or > MaxStoreNameLength || !storeName.All(SecretReferenceParser.IsStoreNameChar))
        {
            throw new ArgumentException(
                $"A store name in a secret reference has 1 to {MaxStoreNameLength} ASCII letters, digits, '-', '_' or '.'; this one is '{SecretsAbstractions.SecretName.ForDisplay(storeName)}'.",
                parameterName);
        }

        return storeName;
    }

    private static string CheckSecretName(string secretName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(secretName, parameterName);
        SecretsAbstractions.SecretName.Validate(secretName);
        return secretName;
    }

    private static SecretVersion CheckVersion(SecretVersion version, string parameterName)
    {
        if (version.Value is { } value && !IsWellFormed(value))
        {
            throw new ArgumentException("A version id or stage in a secret reference must not have an unpaired surrogate.", parameterName);
        }

        return version;
    }

    private static string? CheckField(string? field, string parameterName)
    {
        if (field is null)
        {
            return null;
        }

        if (field.Length == 0)
        {
            throw new ArgumentException("A field in a secret reference must not be empty; use null for the whole value.", parameterName);
        }

        if (!IsWellFormed(field))
        {
            throw new ArgumentException("A field in a secret reference must not have an unpaired surrogate.", parameterName);
        }

        return field;
    }

    // The formatter percent-encodes UTF-8, which has no form for an unpaired surrogate.
    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
