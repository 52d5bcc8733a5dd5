using System.Globalization;

namespace SecretsAbstractions.AwsSecretsManager;

/// <summary>Maps logical secret names to AWS Secrets Manager secret names and back, in one place.</summary>
/// <remarks>
/// <para>The mapping is the identity: Secrets Manager names may contain <c>/</c>. A name must be 1 to 512 of
/// ASCII letters, digits and <c>/_+=.@-</c>, on top of the core rules.</para>
/// <para><b>The ARN-suffix ambiguity.</b> Secrets Manager accepts an ARN, or a partial ARN, wherever a name is
/// expected, and the ARN of a secret ends with <c>-</c> and six random characters. A secret named
/// <c>app/db-abcdef</c> could therefore be taken for the partial ARN of a secret named <c>app/db</c>; AWS
/// documents this and advises against such names. The mapper refuses every name whose last segment ends with
/// <c>-</c> followed by exactly six characters, with <see cref="SecretStoreErrorCode.InvalidName"/>, before any
/// call; listings skip existing secrets named that way.</para>
/// </remarks>
public sealed class AwsSecretsManagerSecretNameMapper : SecretNameMapper
{
    /// <summary>The longest Secrets Manager secret name.</summary>
    public const int MaxNativeLength = 512;

    private const string AllowedPunctuation = "/_+=.@-";

    private AwsSecretsManagerSecretNameMapper()
    {
    }

    /// <summary>The mapper.</summary>
    public static AwsSecretsManagerSecretNameMapper Instance { get; } = new();

    /// <summary>Explains why <paramref name="prefix"/> can never start a name this mapper accepts.</summary>
    /// <param name="prefix">A listing prefix that passed <see cref="SecretName.ValidatePrefix"/>.</param>
    /// <returns>The reason, or <see langword="null"/> when the prefix is usable.</returns>
    public static string? GetPrefixError(string? prefix) =>
        string.IsNullOrEmpty(prefix) ? null : GetCharacterError(prefix) ?? (prefix.Length > MaxNativeLength ? "the prefix is longer than a Secrets Manager name can be" : null);

    /// <inheritdoc/>
    protected override string? GetBackendError(string name)
    {
        if (GetCharacterError(name) is { } error)
        {
            return error;
        }

        if (name.Length > MaxNativeLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the name has {name.Length} characters; Secrets Manager allows at most {MaxNativeLength}");
        }

        return HasArnSuffixShape(name)
            ? "the name ends with '-' and six characters, which Secrets Manager could take for the random suffix of a secret's ARN"
            : null;
    }

    /// <inheritdoc/>
    protected override string MapToNative(string name) => name;

    /// <inheritdoc/>
    protected override string? MapToLogical(string nativeName) =>
        nativeName.Length is 0 or > MaxNativeLength || GetCharacterError(nativeName) is not null || HasArnSuffixShape(nativeName) || !SecretName.IsValid(nativeName)
            ? null
            : nativeName;

    private static bool HasArnSuffixShape(string name)
    {
        return name.Length >= 7 && name[^7] == '-' && !name.AsSpan(name.Length - 6).Contains('/');
    }

    private static string? GetCharacterError(string name)
    {
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c, StringComparison.Ordinal))
            {
                return string.Create(CultureInfo.InvariantCulture, $"the name has a character other than letters, digits and '/_+=.@-' (U+{(int)c:X4}), which Secrets Manager names cannot hold");
            }
        }

        return null;
    }
}
