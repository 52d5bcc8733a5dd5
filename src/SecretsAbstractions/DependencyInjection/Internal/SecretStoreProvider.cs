using Microsoft.Extensions.DependencyInjection;

namespace SecretsAbstractions.Internal;

/// <summary>Marks the name of a keyed store so that <see cref="SecretStoreProvider"/> can list it.</summary>
internal sealed record SecretStoreNameRegistration(string Name);

internal sealed class SecretStoreProvider(IServiceProvider services, IEnumerable<SecretStoreNameRegistration> registrations) : ISecretStoreProvider
{
    public IReadOnlyList<string> StoreNames { get; } = [.. registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal)];

    public ISecretStore GetStore(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // An unknown store is a mistake in the request (a reference or configuration naming a store that
        // was never registered), not a missing secret: NotFound would read as "the secret does not exist".
        return services.GetKeyedService<ISecretStore>(name)
            ?? throw new SecretStoreException(
                SecretStoreErrorCode.InvalidRequest,
                $"No secret store is named '{SecretName.ForDisplay(name)}'; known stores: {FormatNames(StoreNames)}.");
    }

    private static string FormatNames(IReadOnlyList<string> names) =>
        names.Count == 0 ? "(none)" : string.Join(", ", names.Select(n => $"'{n}'"));
}
