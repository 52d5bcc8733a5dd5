namespace SecretsAbstractions.Configuration.Internal;

/// <summary>Serves a fixed map of stores by name, for <c>AddSecretReferences(stores)</c>.</summary>
internal sealed class DictionarySecretStoreProvider : ISecretStoreProvider
{
    private readonly Dictionary<string, ISecretStore> _stores;

    public DictionarySecretStoreProvider(IEnumerable<KeyValuePair<string, ISecretStore>> stores)
    {
        _stores = new Dictionary<string, ISecretStore>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, store) in stores)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(stores));
            ArgumentNullException.ThrowIfNull(store, nameof(stores));
            if (!_stores.TryAdd(name, store))
            {
                throw new ArgumentException($"Two stores are named '{SecretName.ForDisplay(name)}'.", nameof(stores));
            }

            names.Add(name);
        }

        StoreNames = names;
    }

    public IReadOnlyList<string> StoreNames { get; }

    public ISecretStore GetStore(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _stores.GetValueOrDefault(name)
            ?? throw new SecretStoreException(
                SecretStoreErrorCode.InvalidRequest,
                $"No secret store is named '{SecretName.ForDisplay(name)}'; known stores: {(StoreNames.Count == 0 ? "(none)" : string.Join(", ", StoreNames.Select(n => $"'{n}'")))}.");
    }
}
