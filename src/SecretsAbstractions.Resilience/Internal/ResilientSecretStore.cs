using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Resilience.Internal;

/// <summary>Runs every call of the inner store, and of its writer and change probe, through a resilience pipeline.</summary>
/// <remarks>A listing is read in full inside the pipeline (listings hold properties, never values), so a transient
/// failure on any page retries the listing from its start and the total timeout covers the whole listing. A bulk read of
/// a store without a batch API runs single reads through the pipeline, so each secret is retried on its own.</remarks>
internal sealed class ResilientSecretStore : DelegatingSecretStore
{
    private readonly ResilienceExecutor _executor;

    public ResilientSecretStore(ISecretStore innerStore, ResilienceExecutor executor)
        : base(innerStore)
    {
        _executor = executor;
    }

    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(
            SecretStoreOperations.GetSecret,
            name,
            (Store: InnerStore, Name: name, Version: version),
            static (s, ct) => s.Store.GetSecretAsync(s.Name, s.Version, ct),
            cancellationToken);

    public override ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if ((InnerStore.GetMetadata().Capabilities & SecretStoreCapabilities.Batch) == 0)
        {
            return SecretBatch.GetInParallelAsync(this, requests, SecretBatch.DefaultMaxConcurrency, cancellationToken);
        }

        return _executor.ExecuteAsync(
            SecretStoreOperations.GetSecrets,
            secretName: null,
            (Store: InnerStore, Requests: requests),
            static (s, ct) => s.Store.GetSecretsAsync(s.Requests, ct),
            cancellationToken);
    }

    public override IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ListAsync(prefix, cancellationToken);

    /// <inheritdoc/>
    protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new ResilientSecretWriter(innerWriter, _executor);

    /// <inheritdoc/>
    protected override ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => new ResilientChangeProbe(innerProbe, _executor);

    private async IAsyncEnumerable<SecretProperties> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = await _executor.ExecuteAsync(
            SecretStoreOperations.ListSecrets,
            secretName: null,
            (Store: InnerStore, Prefix: prefix),
            static (s, ct) => ReadAllAsync(s.Store, s.Prefix, ct),
            cancellationToken).ConfigureAwait(false);
        foreach (var properties in listing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return properties;
        }
    }

    private static async ValueTask<List<SecretProperties>> ReadAllAsync(ISecretStore store, string? prefix, CancellationToken cancellationToken)
    {
        var listing = new List<SecretProperties>();
        await foreach (var properties in store.ListSecretsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            listing.Add(properties);
        }

        return listing;
    }
}
