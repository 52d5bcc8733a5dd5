namespace SecretsAbstractions.Testing.Internal;

/// <summary>The writer a <see cref="RecordingSecretStore"/> hands out: records each write, then passes it on.</summary>
internal sealed class RecordingSecretWriter(ISecretWriter innerWriter, Action<RecordedSecretStoreCall> record) : ISecretWriter
{
    public ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        record(new RecordedSecretStoreCall(SecretStoreOperations.SetSecret, [new SecretRequest(name)]));
        return innerWriter.SetSecretAsync(name, value, options, cancellationToken);
    }

    public ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        record(new RecordedSecretStoreCall(SecretStoreOperations.DeleteSecret, [new SecretRequest(name)]));
        return innerWriter.DeleteSecretAsync(name, cancellationToken);
    }
}
