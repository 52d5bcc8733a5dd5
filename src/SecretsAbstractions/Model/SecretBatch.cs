namespace SecretsAbstractions;

/// <summary>Bulk reads made of single reads, for stores without a batch API.</summary>
public static class SecretBatch
{
    /// <summary>How many single reads the default <see cref="ISecretStore.GetSecretsAsync"/> runs at once.</summary>
    public const int DefaultMaxConcurrency = 16;

    /// <summary>Reads each request with <see cref="ISecretStore.GetSecretAsync"/>, at most
    /// <paramref name="maxConcurrency"/> at a time.</summary>
    /// <param name="store">The store to read from.</param>
    /// <param name="requests">The secrets to read.</param>
    /// <param name="maxConcurrency">The most reads in flight at once.</param>
    /// <param name="cancellationToken">Cancels the whole read.</param>
    /// <returns>One result per request, in order; a <see cref="SecretStoreException"/> for one secret
    /// is reported in its result.</returns>
    public static async ValueTask<IReadOnlyList<SecretResult>> GetInParallelAsync(
        ISecretStore store, IReadOnlyList<SecretRequest> requests, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);

        var results = new SecretResult[requests.Count];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, requests.Count, parallelism, async (i, ct) =>
        {
            var request = requests[i];
            try
            {
                var secret = await store.GetSecretAsync(request.Name, request.Version, ct).ConfigureAwait(false);
                results[i] = secret is null ? SecretResult.NotFound(request) : SecretResult.Found(request, secret);
            }
            catch (SecretStoreException error)
            {
                results[i] = SecretResult.Failed(request, error);
            }
        }).ConfigureAwait(false);
        return results;
    }
}
