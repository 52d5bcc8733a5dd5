namespace SecretsAbstractions.Caching.Internal;

/// <summary>Bulk reads through a <see cref="SecretCache"/>: hits from the cache; misses through the inner store's batch
/// API when it declares one (one call), otherwise through the single-flight read of each.</summary>
internal sealed class CacheBatchReader(SecretCache cache)
{
    private readonly SecretCache _cache = cache;
    private readonly SingleReads _singleReads = new(cache);

    /// <summary>Reads several secrets: hits from the cache, misses through the inner store's batch API when it
    /// declares one (one call), otherwise through the single-flight path of each.</summary>
    public async ValueTask<IReadOnlyList<SecretResult>> GetManyAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken)
    {
        var results = new SecretResult[requests.Count];
        var misses = new List<int>();
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (_cache.TryGetFresh(request.Name, request.Version, out var secret))
            {
                results[i] = secret is null ? SecretResult.NotFound(request) : SecretResult.Found(request, secret);
            }
            else
            {
                misses.Add(i);
            }
        }

        if (misses.Count > 0)
        {
            var missed = misses.ConvertAll(i => requests[i]);
            var loaded = (_cache.Identity.Metadata.Capabilities & SecretStoreCapabilities.Batch) != 0
                ? await LoadBatchAsync(missed, cancellationToken).ConfigureAwait(false)
                : await SecretBatch.GetInParallelAsync(_singleReads, missed, SecretBatch.DefaultMaxConcurrency, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < misses.Count; i++)
            {
                results[misses[i]] = loaded[i];
            }
        }

        return results;
    }

    private async ValueTask<IReadOnlyList<SecretResult>> LoadBatchAsync(List<SecretRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            // The same validation as a single read, reported the same way.
            if (request.Name is null || !SecretName.IsValid(request.Name))
            {
                return await SecretBatch.GetInParallelAsync(_singleReads, requests, SecretBatch.DefaultMaxConcurrency, cancellationToken).ConfigureAwait(false);
            }
        }

        // Entries are taken before the call: a write that invalidates them meanwhile detaches them, so a result
        // read before the write is never stored where later reads would find it.
        var entries = requests.ConvertAll(request => _cache.Entries.GetOrAdd(request.Name, request.Version));
        _cache.Counters.BackendRead();
        IReadOnlyList<SecretResult> loaded;
        try
        {
            loaded = await _cache.Inner.GetSecretsAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException error)
        {
            loaded = requests.ConvertAll(request => SecretResult.Failed(request, error));
        }

        var results = new SecretResult[loaded.Count];
        for (int i = 0; i < loaded.Count; i++)
        {
            var result = loaded[i];
            var entry = entries[i];
            if (result.Error is null)
            {
                _cache.Store(entry, result.Secret);
                results[i] = result;
            }
            else
            {
                var outcome = _cache.Fail(entry, result.Error);
                results[i] = !outcome.IsStale ? result
                    : outcome.Secret is { } stale ? SecretResult.Found(result.Request, stale)
                    : SecretResult.NotFound(result.Request);
                if (outcome.IsStale)
                {
                    _cache.Counters.StaleServe();
                }
            }
        }

        return results;
    }

    /// <summary>This cache seen as a store whose single reads are the cached, single-flight reads, so that bulk
    /// reads of misses reuse them through <see cref="SecretBatch"/>.</summary>
    private sealed class SingleReads(SecretCache cache) : ISecretStore
    {
        public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            cache.GetAsync(name, version, cancellationToken);

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            cache.Inner.ListSecretsAsync(prefix, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
