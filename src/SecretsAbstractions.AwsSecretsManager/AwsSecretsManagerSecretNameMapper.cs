using System.Globalization;

namespace SecretsAbstractions.AwsSecretsManager;

/// <summary>Maps logical secret names to AWS Secrets Manager secret ids and back, in one place.</summary>
/// <remarks>
/// <para>The mapping is the identity: Secrets Manager names may contain <c>/</c>. A name must be 1 to 512 of
/// ASCII letters, digits and <c>/_+=.@-</c>, on top of the core rules.</para>
/// <para><b>ARNs.</b> A logical name that starts with <c>arn:</c> is a secret ARN and is sent as it is: a full ARN
/// (<c>arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf</c>) or a partial one, without the
/// six-character suffix (<c>arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db</c>). It must have the
/// shape <c>arn:&lt;partition&gt;:secretsmanager:&lt;region&gt;:&lt;12-digit account&gt;:secret:&lt;name&gt;</c>,
/// where the name follows the rules above, with room for the suffix; anything else is refused with
/// <see cref="SecretStoreErrorCode.InvalidName"/>, before any call. Secret names cannot contain <c>:</c>, so an
/// ARN is never taken for a name, and listings never return ARNs.</para>
/// <para><b>The ARN-suffix ambiguity.</b> Secrets Manager accepts an ARN, or a partial ARN, wherever a name is
/// expected, and the ARN of a secret ends with <c>-</c> and six random characters. A secret named
/// <c>app/db-abcdef</c> could therefore be taken for the partial ARN of a secret named <c>app/db</c>; AWS
/// documents this and advises against such names. The mapper refuses every plain name whose last segment ends with
/// <c>-</c> followed by exactly six characters, with <see cref="SecretStoreErrorCode.InvalidName"/>, before any
/// call; listings skip existing secrets named that way. For the same reason, a partial ARN whose name ends that way
/// is read by the service as a full ARN: pass the full ARN of such a secret.</para>
/// </remarks>
public sealed class AwsSecretsManagerSecretNameMapper : SecretNameMapper
{
    /// <summary>The longest Secrets Manager secret name.</summary>
    public const int MaxNativeLength = 512;

    /// <summary>How a logical name that is a secret ARN starts.</summary>
    public const string ArnPrefix = "arn:";

    private const string AllowedPunctuation = "/_+=.@-";

    // "-" and the six random characters the service appends to a secret's name in its ARN.
    private const int ArnSuffixLength = 7;

    private const string ArnShape = "arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>";

    private AwsSecretsManagerSecretNameMapper()
    {
    }

    /// <summary>The mapper.</summary>
    public static AwsSecretsManagerSecretNameMapper Instance { get; } = new();

    /// <summary>Whether a logical name is meant as a secret ARN (it starts with <c>arn:</c>); it is sent verbatim once
    /// <see cref="SecretNameMapper.ToNativeName"/> has validated it.</summary>
    /// <param name="name">A logical name.</param>
    public static bool IsArn(string? name) => name is not null && name.StartsWith(ArnPrefix, StringComparison.Ordinal);

    /// <summary>Explains why <paramref name="prefix"/> can never start a name this mapper accepts.</summary>
    /// <param name="prefix">A listing prefix that passed <see cref="SecretName.ValidatePrefix"/>.</param>
    /// <returns>The reason, or <see langword="null"/> when the prefix is usable.</returns>
    public static string? GetPrefixError(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        if (IsArn(prefix))
        {
            return "listings filter by secret name, and a secret name cannot be an ARN; list by name and read by ARN";
        }

        return GetCharacterError(prefix) ?? (prefix.Length > MaxNativeLength ? "the prefix is longer than a Secrets Manager name can be" : null);
    }

    /// <summary>The region an ARN names (its fourth field), for a name that passed validation as an ARN.</summary>
    internal static string GetArnRegion(string arn) => arn.Split(':', 5)[3];

    /// <inheritdoc/>
    protected override string? GetBackendError(string name)
    {
        if (IsArn(name))
        {
            return GetArnError(name);
        }

        if (GetCharacterError(name) is { } error)
        {
            return error;
        }

        if (name.Length > MaxNativeLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the name has {name.Length} characters; Secrets Manager allows at most {MaxNativeLength}");
        }

        return HasArnSuffixShape(name)
            ? "the name ends with '-' and six characters, which Secrets Manager could take for the random suffix of a secret's ARN; pass the secret's full ARN to reach such a secret"
            : null;
    }

    /// <inheritdoc/>
    protected override string MapToNative(string name) => name;

    /// <inheritdoc/>
    protected override string? MapToLogical(string nativeName) =>
        nativeName.Length is 0 or > MaxNativeLength || GetCharacterError(nativeName) is not null || HasArnSuffixShape(nativeName) || !SecretName.IsValid(nativeName)
            ? null
            : nativeName;

    private static string? GetArnError(string arn)
    {
        // arn : partition : service : region : account : resource-type : name (the name holds no ':').
        string[] parts = arn.Split(':');
        if (parts.Length != 7)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a name that starts with 'arn:' must be a secret ARN, {ArnShape}; this one has {parts.Length - 1} ':' instead of 6");
        }

        string partition = parts[1], service = parts[2], region = parts[3], account = parts[4], resourceType = parts[5], secret = parts[6];
        if (!IsPartition(partition))
        {
            return $"the ARN's partition '{SecretName.ForDisplay(partition)}' is not an AWS partition such as 'aws', 'aws-cn' or 'aws-us-gov' ({ArnShape})";
        }

        if (service != "secretsmanager")
        {
            return $"the ARN is for the service '{SecretName.ForDisplay(service)}', not 'secretsmanager' ({ArnShape})";
        }

        if (!IsRegion(region))
        {
            return $"the ARN's region '{SecretName.ForDisplay(region)}' is not a region name such as 'us-east-1' ({ArnShape})";
        }

        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            return $"the ARN's account '{SecretName.ForDisplay(account)}' is not a 12-digit AWS account id ({ArnShape})";
        }

        if (resourceType != "secret")
        {
            return $"the ARN's resource type is '{SecretName.ForDisplay(resourceType)}', not 'secret' ({ArnShape})";
        }

        if (secret.Length == 0)
        {
            return $"the ARN has no secret name after 'secret:' ({ArnShape})";
        }

        if (GetCharacterError(secret) is { } characters)
        {
            return "in the ARN's secret name, " + characters;
        }

        return secret.Length > MaxNativeLength + ArnSuffixLength
            ? string.Create(CultureInfo.InvariantCulture, $"the ARN's secret name has {secret.Length} characters; a secret name has at most {MaxNativeLength}, plus 7 for the ARN's suffix")
            : null;
    }

    // aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc, ...
    private static bool IsPartition(string partition) =>
        partition == "aws" || (partition.StartsWith("aws-", StringComparison.Ordinal) && IsLowerWords(partition.AsSpan(4)));

    // us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1, ...
    private static bool IsRegion(string region)
    {
        int dash = region.LastIndexOf('-');
        return dash > 0 && dash < region.Length - 1 && !region.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9') && IsLowerWords(region.AsSpan(0, dash));
    }

    private static bool IsLowerWords(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] == '-' || text[^1] == '-' || text.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasArnSuffixShape(string name)
    {
        return name.Length >= ArnSuffixLength && name[^ArnSuffixLength] == '-' && !name.AsSpan(name.Length - 6).Contains('/');
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
