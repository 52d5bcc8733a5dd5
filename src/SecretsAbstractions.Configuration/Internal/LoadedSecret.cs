namespace SecretsAbstractions.Configuration.Internal;

/// <summary>One secret as the provider holds it: the stamp that tells whether it changed, and its entries.</summary>
/// <param name="Name">The logical name.</param>
/// <param name="Version">The version id it was read at, when the store keeps versions.</param>
/// <param name="UpdatedOn">When it was last changed, when the store says.</param>
/// <param name="Entries">Its configuration entries (one, or a flattened JSON object's).</param>
internal sealed record LoadedSecret(string Name, string? Version, DateTimeOffset? UpdatedOn, KeyValuePair<string, string?>[] Entries)
{
    /// <summary>Whether the store gives something to compare: a version or an update time. Without it, the secret is
    /// read again on every reload.</summary>
    public bool HasStamp => Version is not null || UpdatedOn is not null;

    /// <summary>Whether <paramref name="properties"/> describe the version this secret was read at.</summary>
    public bool IsCurrent(SecretProperties properties) =>
        HasStamp
        && string.Equals(Version, properties.Version, StringComparison.Ordinal)
        && UpdatedOn == properties.UpdatedOn;

    /// <summary>Whether this secret gives the same entries as <paramref name="other"/>.</summary>
    public bool SameEntries(LoadedSecret other)
    {
        if (Entries.Length != other.Entries.Length)
        {
            return false;
        }

        for (int i = 0; i < Entries.Length; i++)
        {
            if (!string.Equals(Entries[i].Key, other.Entries[i].Key, StringComparison.Ordinal)
                || !string.Equals(Entries[i].Value, other.Entries[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
