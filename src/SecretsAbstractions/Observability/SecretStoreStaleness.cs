namespace SecretsAbstractions;

/// <summary>What a store is serving stale: how many values it serves past their freshness because refreshing them failed,
/// and how stale the oldest of them is.</summary>
/// <param name="StaleEntryCount">The number of values currently served stale; 0 when none.</param>
/// <param name="MaxStaleness">How long ago the stalest of them should have been refreshed; <see cref="TimeSpan.Zero"/> when none.</param>
public readonly record struct SecretStoreStaleness(int StaleEntryCount, TimeSpan MaxStaleness)
{
    /// <summary>Nothing is served stale.</summary>
    public static SecretStoreStaleness None => default;

    /// <summary>Whether any value is served stale.</summary>
    public bool IsStale => StaleEntryCount > 0;
}
