using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Configuration;

/// <summary>
/// The default mapping between secret names and configuration keys: <c>/</c> (the logical separator) and <c>--</c>
/// (the Azure Key Vault convention for a separator, which Key Vault names cannot hold) both become <c>:</c>
/// (<see cref="ConfigurationPath.KeyDelimiter"/>). So <c>db/password</c>, <c>db--password</c> and
/// <c>Db--Password</c> all give the key <c>db:password</c> (keys are case-insensitive).
/// </summary>
/// <remarks>
/// The mapping is reversible up to that choice: <see cref="ToSecretName"/> turns a key back into a logical name with
/// <c>/</c> (<c>db:password</c> to <c>db/password</c>), which every store accepts (the Azure adapter maps <c>/</c> to
/// <c>--</c> itself). A name whose segments contain <c>:</c> cannot be told apart from a separator; give such secrets
/// another key with <see cref="SecretStoreConfigurationOptions.KeyMapper"/>. Case does not matter: configuration keys
/// ignore it, so the lower-case names the Azure Key Vault adapter gives (<c>db/password</c>) bind to <c>Db.Password</c>
/// of an options class.
/// </remarks>
public static class SecretConfigurationKeys
{
    /// <summary>Maps a secret name (with the source's prefix already removed) to a configuration key: <c>--</c> and
    /// <c>/</c> become <c>:</c>; leading separators are dropped. Returns <see langword="null"/> for a name that leaves
    /// no key (empty, or only separators).</summary>
    /// <param name="name">The name, relative to the prefix.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public static string? FromSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name
            .Replace("--", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)
            .Replace("/", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)
            .TrimStart(':');
        return key.Length == 0 ? null : key;
    }

    /// <summary>Maps a configuration key back to the logical secret name (relative to the prefix) that the default
    /// mapping reads it from: <c>:</c> becomes <c>/</c>.</summary>
    /// <param name="key">The configuration key.</param>
    /// <returns>The logical name.</returns>
    public static string ToSecretName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(ConfigurationPath.KeyDelimiter, "/", StringComparison.Ordinal);
    }
}
