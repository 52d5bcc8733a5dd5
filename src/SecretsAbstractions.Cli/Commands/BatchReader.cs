namespace SecretsAbstractions.Cli.Commands;

/// <summary>Reads the latest versions of many secrets through the store's bulk read (AWS batches it; other stores
/// read in parallel), a chunk at a time so that memory stays bounded.</summary>
internal static class BatchReader
{
    public const int ChunkSize = 100;

    public static async IAsyncEnumerable<IReadOnlyList<SecretResult>> ReadAsync(
        ISecretStore store,
        IReadOnlyList<string> names,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int start = 0; start < names.Count; start += ChunkSize)
        {
            var requests = new SecretRequest[Math.Min(ChunkSize, names.Count - start)];
            for (int i = 0; i < requests.Length; i++)
            {
                requests[i] = new SecretRequest(names[start + i]);
            }

            yield return await store.GetSecretsAsync(requests, cancellationToken).ConfigureAwait(false);
        }
    }
}
