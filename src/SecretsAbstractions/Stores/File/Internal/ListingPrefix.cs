namespace SecretsAbstractions.Internal;

/// <summary>Lets a listing skip folders that cannot hold a name under the prefix.</summary>
internal static class ListingPrefix
{
    /// <summary>Whether a folder named <paramref name="folderName"/> may hold secrets whose names start with <paramref name="prefix"/>.</summary>
    public static bool MayHoldMatches(string folderName, string? prefix)
    {
        string namePrefix = folderName + SecretName.Separator;
        return string.IsNullOrEmpty(prefix)
            || namePrefix.StartsWith(prefix, StringComparison.Ordinal)
            || prefix.StartsWith(namePrefix, StringComparison.Ordinal);
    }
}
