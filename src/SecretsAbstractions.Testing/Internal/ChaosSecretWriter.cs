namespace SecretsAbstractions.Testing.Internal;

/// <summary>The writer a <see cref="ChaosSecretStore"/> hands out: the inner writer, disturbed by the same engine.</summary>
internal sealed class ChaosSecretWriter(ISecretWriter innerWriter, ChaosEngine chaos) : ISecretWriter
{
    public async ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        await chaos.BeforeCallAsync(ChaosOperations.SetSecret, SecretStoreOperations.SetSecret, name, cancellationToken).ConfigureAwait(false);
        return await innerWriter.SetSecretAsync(name, value, options, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        await chaos.BeforeCallAsync(ChaosOperations.DeleteSecret, SecretStoreOperations.DeleteSecret, name, cancellationToken).ConfigureAwait(false);
        return await innerWriter.DeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
    }
}
