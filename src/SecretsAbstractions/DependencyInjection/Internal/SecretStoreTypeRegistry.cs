using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Internal;

/// <summary>The store types the <c>SecretStores</c> section can name: the built-in types, then those added
/// with <c>AddSecretStoreType</c>, a later type replacing an earlier one of the same name.</summary>
internal sealed class SecretStoreTypeRegistry
{
    private readonly Dictionary<string, SecretStoreType> _types = new(StringComparer.OrdinalIgnoreCase);

    public SecretStoreTypeRegistry(IEnumerable<SecretStoreType> registeredTypes)
    {
        foreach (var type in BuiltInTypes().Concat(registeredTypes))
        {
            _types[type.Name] = type;
        }

        TypeNames = [.. _types.Values.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The names of the known types, sorted.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    public SecretStoreType? Find(string typeName) => _types.GetValueOrDefault(typeName);

    private static IEnumerable<SecretStoreType> BuiltInTypes() =>
    [
        new SecretStoreType<InMemorySecretStoreOptions>(
            "InMemory",
            (services, _, options) => new InMemorySecretStore(options, services.GetService<TimeProvider>()),
            validator: null),
        new SecretStoreType<EnvironmentVariablesSecretStoreOptions>(
            "Environment",
            (_, _, options) => new EnvironmentVariablesSecretStore(options),
            EnvironmentVariablesSecretStoreOptionsValidator.Instance),
        new SecretStoreType<FileSecretStoreOptions>(
            "File",
            (services, _, options) => new FileSecretStore(options, services.GetService<TimeProvider>(), services.GetService<ILogger<FileSecretStore>>()),
            FileSecretStoreOptionsValidator.Instance),
    ];
}
