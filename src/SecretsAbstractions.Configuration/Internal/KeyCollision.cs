namespace SecretsAbstractions.Configuration.Internal;

/// <summary>Two secrets that give the same configuration key (ignoring case), and which one won.</summary>
internal readonly record struct KeyCollision(string Key, string Winner, string Loser);

/// <summary>Builds the configuration data from the loaded secrets: one dictionary, keys ignoring case, collisions
/// resolved by <see cref="SecretKeyCollisionBehavior"/>.</summary>
internal static class ConfigurationData
{
    public static Dictionary<string, string?> Build(
        IEnumerable<LoadedSecret> secrets, SecretKeyCollisionBehavior behavior, string storeName, List<KeyCollision> collisions)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var owners = new Dictionary<string, LoadedSecret>(StringComparer.OrdinalIgnoreCase);

        // Sorted by name so that the outcome (and the key's spelling) does not depend on listing order.
        foreach (var secret in secrets.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var (key, value) in secret.Entries)
            {
                if (!owners.TryGetValue(key, out var owner))
                {
                    owners[key] = secret;
                    data[key] = value;
                    continue;
                }

                if (behavior == SecretKeyCollisionBehavior.Throw)
                {
                    throw new ConfigurationLoadException(
                        SecretStoreErrorCode.Conflict,
                        $"The secrets '{SecretName.ForDisplay(owner.Name)}' and '{SecretName.ForDisplay(secret.Name)}' of store '{SecretName.ForDisplay(storeName)}' " +
                        $"both give the configuration key '{SecretName.ForDisplay(key)}' (keys ignore case). Rename one, map it elsewhere with KeyMapper, " +
                        "leave one out with Filter, or set CollisionBehavior to NewestWins.");
                }

                if (IsNewer(secret, owner))
                {
                    collisions.Add(new KeyCollision(key, secret.Name, owner.Name));
                    owners[key] = secret;
                    data.Remove(key);
                    data[key] = value;
                }
                else
                {
                    collisions.Add(new KeyCollision(key, owner.Name, secret.Name));
                }
            }
        }

        return data;
    }

    /// <summary>Newest update wins; a known time beats an unknown one; on a tie the earlier name (ordinal), which came
    /// first, keeps the key.</summary>
    private static bool IsNewer(LoadedSecret candidate, LoadedSecret owner) =>
        (candidate.UpdatedOn, owner.UpdatedOn) switch
        {
            ({ } c, { } o) => c > o,
            ({ }, null) => true,
            _ => false,
        };

    public static bool AreEqual(IDictionary<string, string?> left, IDictionary<string, string?> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
