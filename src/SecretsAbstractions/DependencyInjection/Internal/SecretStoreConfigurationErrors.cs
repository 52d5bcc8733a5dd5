namespace SecretsAbstractions.Internal;

/// <summary>The messages of configuration failures. Each names the store and the configuration path,
/// and never the configured value (except a store type name, which is not a secret).</summary>
internal static class SecretStoreConfigurationErrors
{
    public static string UnknownStoreKey(string storeName, string path) =>
        $"Secret store '{storeName}': '{path}' is not a store setting; a store has only '{SecretStoreConfigurationKeys.Type}' and '{SecretStoreConfigurationKeys.Options}'.";

    public static string MissingType(string storeName, string path, IEnumerable<string> knownTypes) =>
        $"Secret store '{storeName}': '{path}' is missing; set it to one of the store types: {string.Join(", ", knownTypes)}.";

    public static string UnknownType(string storeName, string path, string typeName, IEnumerable<string> knownTypes) =>
        $"Secret store '{storeName}': '{path}' names the unknown store type '{SecretName.ForDisplay(typeName)}'; known store types: {string.Join(", ", knownTypes)}.";

    public static string OptionsNotASection(string storeName, string path, string typeName) =>
        $"Secret store '{storeName}': '{path}' must be a section of options for store type '{typeName}', not a single value.";

    public static string UnknownOption(string storeName, string path, string typeName, Type optionsType, IEnumerable<string> optionNames) =>
        $"Secret store '{storeName}': '{path}' is not an option of store type '{typeName}' ({optionsType.Name}); its options are {string.Join(", ", optionNames)}.";

    public static string ValueDoesNotConvert(string storeName, string path, string typeName, Type targetType)
    {
        var underlying = Nullable.GetUnderlyingType(targetType) ?? targetType;
        string expected = underlying.IsEnum ? $"; expected one of {string.Join(", ", Enum.GetNames(underlying))}" : string.Empty;
        return $"Secret store '{storeName}': the value at '{path}' does not convert to {underlying.Name} (store type '{typeName}'){expected}.";
    }

    public static string SectionDoesNotBind(string storeName, string path, string typeName, Type targetType) =>
        $"Secret store '{storeName}': '{path}' does not bind to {targetType.Name} (store type '{typeName}'): it holds a key that type lacks or a value that does not convert.";

    public static string Invalid(string storeName, string path, string typeName, string reason) =>
        $"Secret store '{storeName}': '{path}' is invalid (store type '{typeName}'): {reason}";
}
