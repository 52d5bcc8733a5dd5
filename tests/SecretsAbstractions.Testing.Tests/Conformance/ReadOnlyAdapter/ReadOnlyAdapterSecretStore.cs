using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Tests.Conformance.ReadOnlyAdapter;

/// <summary>
/// A minimal read-only adapter over a backend (here another store standing in for a remote service), shaped
/// like the environment and file stores: latest versions only, no writer, names validated before any backend
/// call, and logging that names secrets but never values. It proves the suite's paths for stores that lack
/// capabilities and whose backend calls are observable.
/// </summary>
public sealed partial class ReadOnlyAdapterSecretStore(ISecretStore backend, ILogger<ReadOnlyAdapterSecretStore> logger) : ISecretStore
{
    private readonly SecretStoreMetadata _metadata = new("ReadOnlyAdapter");

    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name, _metadata.StoreName, SecretStoreOperations.GetSecret);
        if (!version.IsLatest)
        {
            throw new SecretStoreException(SecretStoreErrorCode.NotSupported, "The read-only adapter reads latest versions only.")
            {
                StoreName = _metadata.StoreName,
                Operation = SecretStoreOperations.GetSecret,
                SecretName = name,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        LogReading(name);
        var secret = await backend.GetSecretAsync(name, SecretVersion.Latest, cancellationToken);
        if (secret is null)
        {
            LogNotFound(name);
            return null;
        }

        LogRead(secret);
        return new Secret(secret.Properties with { Version = null }, secret.Value);
    }

    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SecretName.ValidatePrefix(prefix, _metadata.StoreName);
        cancellationToken.ThrowIfCancellationRequested();
        await foreach (var properties in backend.ListSecretsAsync(prefix, cancellationToken))
        {
            yield return properties with { Version = null };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading secret {SecretName}.")]
    private partial void LogReading(string secretName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Secret {SecretName} not found.")]
    private partial void LogNotFound(string secretName);

    // Logs the Secret object itself, so the redaction suite sees that its text stays redacted in logs.
    [LoggerMessage(Level = LogLevel.Trace, Message = "Read {Secret}.")]
    private partial void LogRead(Secret secret);
}
