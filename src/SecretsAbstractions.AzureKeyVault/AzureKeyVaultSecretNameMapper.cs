using System.Globalization;

namespace SecretsAbstractions.AzureKeyVault;

/// <summary>
/// Maps logical secret names to Azure Key Vault secret names and back, in one place.
/// </summary>
/// <remarks>
/// <para>Key Vault names are 1 to 127 characters of <c>[0-9a-zA-Z-]</c> and case-insensitive. A logical name
/// maps to a Key Vault name by replacing each <c>/</c> with <c>--</c> (the convention of the Azure
/// configuration provider), so <c>app/db/password</c> is the Key Vault secret <c>app--db--password</c>.</para>
/// <para>To keep the mapping reversible and one-to-one, a logical name must use only lower-case ASCII letters,
/// digits, <c>-</c> and <c>/</c>; no segment may contain <c>--</c> or start or end with <c>-</c>; and the
/// mapped name must be at most 127 characters. Upper-case letters are refused because Key Vault would treat
/// <c>App</c> and <c>app</c> as one secret: two logical names that differ only in case would silently collide.
/// Every other name fails with <see cref="SecretStoreErrorCode.InvalidName"/> before any call.</para>
/// <para>Back from Key Vault, a name is lower-cased and each <c>--</c> becomes <c>/</c>; a secret created
/// elsewhere as <c>ConnectionStrings--Db</c> is listed as <c>connectionstrings/db</c>, which reads it.
/// Key Vault names with no logical name (such as <c>a---b</c>) are skipped by listings.</para>
/// </remarks>
public sealed class AzureKeyVaultSecretNameMapper : SecretNameMapper
{
    /// <summary>The longest Key Vault secret name.</summary>
    public const int MaxNativeLength = 127;

    /// <summary>What a logical <c>/</c> becomes in a Key Vault name.</summary>
    public const string NativeSeparator = "--";

    private AzureKeyVaultSecretNameMapper()
    {
    }

    /// <summary>The mapper.</summary>
    public static AzureKeyVaultSecretNameMapper Instance { get; } = new();

    /// <summary>Explains why <paramref name="prefix"/> can never start a logical name this mapper accepts.</summary>
    /// <param name="prefix">A listing prefix that passed <see cref="SecretName.ValidatePrefix"/>.</param>
    /// <returns>The reason, or <see langword="null"/> when the prefix is usable.</returns>
    public static string? GetPrefixError(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        string[] segments = prefix.Split(SecretName.Separator);
        for (int i = 0; i < segments.Length; i++)
        {
            bool isLast = i == segments.Length - 1;
            if (GetSegmentError(segments[i], i, partial: isLast) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    protected override string? GetBackendError(string name)
    {
        string[] segments = name.Split(SecretName.Separator);
        for (int i = 0; i < segments.Length; i++)
        {
            if (GetSegmentError(segments[i], i, partial: false) is { } error)
            {
                return error;
            }
        }

        int nativeLength = name.Length + segments.Length - 1;
        return nativeLength > MaxNativeLength
            ? string.Create(CultureInfo.InvariantCulture, $"the Key Vault name would have {nativeLength} characters; Key Vault allows at most {MaxNativeLength}")
            : null;
    }

    /// <inheritdoc/>
    protected override string MapToNative(string name) => name.Replace("/", NativeSeparator, StringComparison.Ordinal);

    /// <inheritdoc/>
    protected override string? MapToLogical(string nativeName)
    {
        if (nativeName.Length is 0 or > MaxNativeLength)
        {
            return null;
        }

        foreach (char c in nativeName)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return null;
            }
        }

        return nativeName.ToLowerInvariant().Replace(NativeSeparator, "/", StringComparison.Ordinal);
    }

    private static string? GetSegmentError(string segment, int index, bool partial)
    {
        foreach (char c in segment)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {index + 1} has the upper-case letter '{c}'; Key Vault names are case-insensitive, so logical names are lower-case");
            }

            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {index + 1} has a character other than a-z, 0-9 and '-' (U+{(int)c:X4}), which Key Vault names cannot hold");
            }
        }

        if (segment.Contains(NativeSeparator, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"segment {index + 1} contains '--', which stands for '/' in Key Vault names");
        }

        if (segment.StartsWith('-') || (!partial && segment.EndsWith('-')))
        {
            return string.Create(CultureInfo.InvariantCulture, $"segment {index + 1} starts or ends with '-', which would be ambiguous next to the '--' that stands for '/'");
        }

        return null;
    }
}
