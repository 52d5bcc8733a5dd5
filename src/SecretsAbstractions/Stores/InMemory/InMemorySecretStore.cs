using System.Globalization;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions;

/// <summary>
/// A writable, versioned store held in process memory, for tests and development. Every set creates
/// a new version numbered <c>1</c>, <c>2</c>, ... per secret; old versions stay readable until the
/// secret is deleted, and numbers are never reused, even after a delete. Thread-safe.
/// </summary>
public sealed class InMemorySecretStore : ISecretStore, ISecretWriter, ISecretChangeProbe
{
    private const SecretStoreCapabilities Capabilities =
        SecretStoreCapabilities.Write | SecretStoreCapabilities.Versions | SecretStoreCapabilities.Binary;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly SecretStoreMetadata _metadata;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for created and updated times; the system clock by default.</param>
    public InMemorySecretStore(InMemorySecretStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _metadata = new SecretStoreMetadata("InMemory", options?.StoreName, location: null, Capabilities);
    }

    private string StoreName => _metadata.StoreName;

    /// <inheritdoc/>
    public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name, StoreName, SecretStoreOperations.GetSecret);
        if (version.Kind == SecretVersionKind.Stage)
        {
            throw new SecretStoreException(SecretStoreErrorCode.NotSupported, "The in-memory store has no version stages.")
            {
                StoreName = StoreName,
                Operation = SecretStoreOperations.GetSecret,
                SecretName = name,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_entries.TryGetValue(name, out var entry) || entry.Versions.Count == 0)
            {
                return ValueTask.FromResult<Secret?>(null);
            }

            Secret? secret = version.IsLatest
                ? entry.Versions[^1]
                : entry.Versions.Find(v => v.Version == version.Value);
            return ValueTask.FromResult(secret);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        var secret = await GetSecretAsync(name, SecretVersion.Latest, cancellationToken).ConfigureAwait(false);
        return secret?.Properties;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SecretName.ValidatePrefix(prefix, StoreName);
        cancellationToken.ThrowIfCancellationRequested();
        List<SecretProperties> snapshot;
        lock (_lock)
        {
            snapshot = [.. _entries
                .Where(e => e.Value.Versions.Count > 0 && SecretName.HasPrefix(e.Key, prefix))
                .Select(e => e.Value.Versions[^1].Properties)];
        }

        foreach (var properties in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return properties;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name, StoreName, SecretStoreOperations.SetSecret);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                entry = new Entry();
                _entries.Add(name, entry);
            }

            var properties = new SecretProperties(name)
            {
                Version = (++entry.LastVersion).ToString(CultureInfo.InvariantCulture),
                CreatedOn = now,
                UpdatedOn = now,
                ExpiresOn = options?.ExpiresOn,
                NotBefore = options?.NotBefore,
                Enabled = options?.Enabled ?? true,
                ContentType = options?.ContentType,
                Tags = options?.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
            };
            entry.Versions.Add(new Secret(properties, value));
            return ValueTask.FromResult(properties);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name, StoreName, SecretStoreOperations.DeleteSecret);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // The entry stays, empty, so that version numbers are never reused.
            bool existed = _entries.TryGetValue(name, out var entry) && entry.Versions.Count > 0;
            entry?.Versions.Clear();
            return ValueTask.FromResult(existed);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SecretStoreServices.GetStandardService(this, _metadata, serviceType, serviceKey);

    private sealed class Entry
    {
        public List<Secret> Versions { get; } = [];

        public long LastVersion { get; set; }
    }
}
