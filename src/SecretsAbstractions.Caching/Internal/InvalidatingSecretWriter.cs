namespace SecretsAbstractions.Caching.Internal;

/// <summary>The inner store's writer, wrapped so that every write through it drops what the cache holds for the
/// secret, whether the write succeeds or not (a failed write may still have reached the backend).</summary>
internal sealed class InvalidatingSecretWriter(ISecretWriter inner, SecretCache cache) : ISecretWriter
{
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.SetSecretAsync(name, value, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cache.Invalidate(name);
        }
    }

    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.DeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cache.Invalidate(name);
        }
    }
}
