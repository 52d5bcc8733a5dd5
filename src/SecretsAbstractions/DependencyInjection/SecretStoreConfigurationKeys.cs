namespace SecretsAbstractions;

/// <summary>The keys of the configuration section that declares stores
/// (see <c>AddSecretStores</c>):
/// <c>SecretStores:&lt;store name&gt;:Type</c> and <c>SecretStores:&lt;store name&gt;:Options:&lt;option&gt;</c>.</summary>
public static class SecretStoreConfigurationKeys
{
    /// <summary>The default section that holds one child per store, keyed by the store's name: <c>SecretStores</c>.</summary>
    public const string SectionName = "SecretStores";

    /// <summary>The key of a store's type, such as <c>File</c>, <c>Environment</c> or <c>InMemory</c>: <c>Type</c>.</summary>
    public const string Type = "Type";

    /// <summary>The key of the section bound to the store type's options class: <c>Options</c>.</summary>
    public const string Options = "Options";
}
