using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>What one load found: the secrets to hold next, and what it took to get them.</summary>
internal sealed class LoadOutcome
{
    public required Dictionary<string, LoadedSecret> Secrets { get; init; }

    /// <summary>How many values were read.</summary>
    public required int ReadCount { get; init; }

    /// <summary>How many secrets held before are gone (deleted, disabled, expired, filtered out).</summary>
    public required int RemovedCount { get; init; }

    /// <summary>Whether a secret was added, removed or now gives other entries.</summary>
    public required bool SecretsChanged { get; init; }

    /// <summary>How many secrets the listing (or the names list) gave, before any filter.</summary>
    public required int DiscoveredCount { get; init; }

    /// <summary>Names from <see cref="SecretStoreConfigurationOptions.SecretNames"/> the store does not have.</summary>
    public required IReadOnlyList<string> MissingNames { get; init; }

    /// <summary>Secrets read in this load whose JSON-looking value was loaded as plain text: name and key.</summary>
    public required IReadOnlyList<(string Name, string Key)> UnparsedJson { get; init; }
}

/// <summary>
/// Finds the store's secrets, decides which to read (filters and activity checks first, then the change stamp
/// against what is held), and reads them in bulk with bounded concurrency. Knows nothing of configuration providers.
/// </summary>
internal sealed class SecretLoader
{
    private readonly ISecretStore _store;
    private readonly SecretStoreConfigurationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _storeName;
    private readonly ISecretChangeProbe? _probe;
    private readonly Func<string, string?> _keyMapper;
    private readonly int _chunkSize;

    public SecretLoader(ISecretStore store, SecretStoreConfigurationOptions options, TimeProvider time, ILogger logger, string storeName)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _storeName = storeName;
        _probe = store.GetService<ISecretChangeProbe>();
        _keyMapper = options.KeyMapper ?? SecretConfigurationKeys.FromSecretName;
        bool batch = store.GetService<SecretStoreMetadata>()?.Capabilities.HasFlag(SecretStoreCapabilities.Batch) == true;
        _chunkSize = batch ? options.BatchSize : 1;
    }

    private bool NamesMode => _options.SecretNames.Count > 0;

    public async Task<LoadOutcome> LoadAsync(IReadOnlyDictionary<string, LoadedSecret> current, CancellationToken cancellationToken)
    {
        var (candidates, missing) = await DiscoverAsync(current, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var next = new Dictionary<string, LoadedSecret>(StringComparer.Ordinal);
        var toRead = new List<PendingRead>();
        foreach (var (name, properties) in candidates)
        {
            string? key = MapKey(name);
            if (key is null)
            {
                continue;
            }

            if (properties is null)
            {
                toRead.Add(new PendingRead(name, key, null));
            }
            else if (Accepts(properties, now))
            {
                if (current.TryGetValue(name, out var held) && held.IsCurrent(properties))
                {
                    next[name] = held;
                }
                else
                {
                    toRead.Add(new PendingRead(name, key, properties));
                }
            }
        }

        var results = await ReadAsync(toRead, cancellationToken).ConfigureAwait(false);
        var unparsed = new List<(string, string)>();
        var missingNames = new List<string>(missing);
        bool changed = false;
        for (int i = 0; i < toRead.Count; i++)
        {
            var pending = toRead[i];
            var result = results[i];
            if (result.Error is { } error)
            {
                if (error.ErrorCode == SecretStoreErrorCode.Disabled)
                {
                    continue; // Disabled since it was listed: it is simply not loaded.
                }

                throw error;
            }

            if (result.Secret is not { } secret)
            {
                // Gone between the listing and the read: simply absent.
                if (NamesMode)
                {
                    missingNames.Add(pending.Name);
                }

                continue;
            }

            if ((pending.Properties is null && !Accepts(secret.Properties, now)) || !secret.Properties.IsActiveAt(now))
            {
                continue;
            }

            var entries = SecretValueFlattener.Flatten(pending.Key, secret.Value, _options.FlattenJsonObjects, out bool unparsedJson);
            if (unparsedJson)
            {
                unparsed.Add((pending.Name, pending.Key));
            }

            // The stamp compared on the next reload is the listed (or probed) one when there is one, so that stores
            // whose listings and reads describe a version differently are not read again on every reload. A read of
            // another version than the listed one (a cache still serving the previous value) keeps the read's own
            // stamp instead, so the next reload reads again rather than holding the stale value as the new version.
            var stamp = pending.Properties is { } listed && (listed.Version is not null || listed.UpdatedOn is not null)
                && !IsOtherVersion(listed, secret.Properties) ? listed : secret.Properties;
            var loaded = new LoadedSecret(pending.Name, stamp.Version, stamp.UpdatedOn, entries);
            next[pending.Name] = loaded;
            changed |= !current.TryGetValue(pending.Name, out var before) || !before.SameEntries(loaded);
        }

        int removed = current.Keys.Count(name => !next.ContainsKey(name));
        return new LoadOutcome
        {
            Secrets = next,
            ReadCount = toRead.Count,
            RemovedCount = removed,
            SecretsChanged = changed || removed > 0,
            DiscoveredCount = candidates.Count + missing.Count,
            MissingNames = missingNames,
            UnparsedJson = unparsed,
        };
    }

    private static bool IsOtherVersion(SecretProperties listed, SecretProperties read) =>
        listed.Version is not null && read.Version is not null && !string.Equals(listed.Version, read.Version, StringComparison.Ordinal);

    private bool Accepts(SecretProperties properties, DateTimeOffset now)
    {
        if (!properties.IsActiveAt(now))
        {
            LogSkipped(properties.Name, "it is disabled, not yet valid or expired");
            return false;
        }

        if (_options.Filter is { } filter && !filter(properties))
        {
            LogSkipped(properties.Name, "the filter leaves it out");
            return false;
        }

        return true;
    }

    private void LogSkipped(string name, string reason)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // Guarded by the IsEnabled check above, which the analyzer does not see.
            SecretStoreConfigurationLog.SecretSkipped(_logger, _storeName, SecretName.ForDisplay(name), reason);
#pragma warning restore CA1873
        }
    }

    private string? MapKey(string name)
    {
        string relative = string.IsNullOrEmpty(_options.Prefix) ? name : name[_options.Prefix.Length..];
        string? key = _keyMapper(relative);
        if (string.IsNullOrEmpty(key))
        {
            LogSkipped(name, "the key mapper gives it no key");
            return null;
        }

        return key;
    }

    /// <summary>The secrets to consider, with their properties when known (a listing or a probe), and the names from
    /// <see cref="SecretStoreConfigurationOptions.SecretNames"/> the probe says do not exist.</summary>
    private async Task<(List<(string Name, SecretProperties? Properties)> Candidates, List<string> Missing)> DiscoverAsync(
        IReadOnlyDictionary<string, LoadedSecret> current, CancellationToken cancellationToken)
    {
        var candidates = new List<(string, SecretProperties?)>();
        var missing = new List<string>();
        if (NamesMode)
        {
            if (_probe is null)
            {
                candidates.AddRange(_options.SecretNames.Select(name => (name, (SecretProperties?)null)));
                return (candidates, missing);
            }

            var probed = await ProbeAsync([.. _options.SecretNames], cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < probed.Length; i++)
            {
                if (probed[i] is { } properties)
                {
                    candidates.Add((_options.SecretNames[i], properties));
                }
                else
                {
                    missing.Add(_options.SecretNames[i]);
                }
            }

            return (candidates, missing);
        }

        var listed = new Dictionary<string, SecretProperties>(StringComparer.Ordinal);
        await foreach (var properties in _store.ListSecretsAsync(_options.Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (SecretName.HasPrefix(properties.Name, _options.Prefix))
            {
                listed[properties.Name] = properties;
            }
        }

        // A listing without versions or times (Vault's) cannot tell what changed: ask the probe about the secrets
        // already held, which is cheaper than reading them again.
        if (_probe is not null)
        {
            string[] unstamped = [.. listed.Values
                .Where(p => p.Version is null && p.UpdatedOn is null && current.TryGetValue(p.Name, out var held) && held.HasStamp)
                .Select(p => p.Name)];
            if (unstamped.Length > 0)
            {
                var probed = await ProbeAsync(unstamped, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < unstamped.Length; i++)
                {
                    if (probed[i] is { } properties)
                    {
                        listed[unstamped[i]] = properties;
                    }
                    else
                    {
                        listed.Remove(unstamped[i]); // deleted since it was listed
                    }
                }
            }
        }

        candidates.AddRange(listed.Values.Select(p => (p.Name, (SecretProperties?)p)));
        return (candidates, missing);
    }

    private async Task<SecretProperties?[]> ProbeAsync(string[] names, CancellationToken cancellationToken)
    {
        var results = new SecretProperties?[names.Length];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, names.Length, parallelism, async (i, ct) =>
            results[i] = await _probe!.GetLatestPropertiesAsync(names[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Reads the pending secrets: one <see cref="ISecretStore.GetSecretsAsync"/> call per chunk (one secret, or
    /// <see cref="SecretStoreConfigurationOptions.BatchSize"/> for a store with a batch API), at most
    /// <see cref="SecretStoreConfigurationOptions.MaxConcurrency"/> calls at a time.</summary>
    private async Task<SecretResult[]> ReadAsync(List<PendingRead> pending, CancellationToken cancellationToken)
    {
        var results = new SecretResult[pending.Count];
        if (pending.Count == 0)
        {
            return results;
        }

        int chunks = (pending.Count + _chunkSize - 1) / _chunkSize;
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, chunks, parallelism, async (chunk, ct) =>
        {
            int start = chunk * _chunkSize;
            int count = Math.Min(_chunkSize, pending.Count - start);
            var requests = new SecretRequest[count];
            for (int i = 0; i < count; i++)
            {
                requests[i] = new SecretRequest(pending[start + i].Name);
            }

            var read = await _store.GetSecretsAsync(requests, ct).ConfigureAwait(false);
            if (read.Count != count)
            {
                throw new SecretStoreException(SecretStoreErrorCode.Unknown, "The store's bulk read returned a different number of results than it was asked for.")
                {
                    StoreName = _storeName,
                    Operation = SecretStoreOperations.GetSecrets,
                };
            }

            for (int i = 0; i < count; i++)
            {
                results[start + i] = read[i];
            }
        }).ConfigureAwait(false);
        return results;
    }

    private readonly record struct PendingRead(string Name, string Key, SecretProperties? Properties);
}
