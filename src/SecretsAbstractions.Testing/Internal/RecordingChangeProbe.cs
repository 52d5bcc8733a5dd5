namespace SecretsAbstractions.Testing.Internal;

/// <summary>The change probe a <see cref="RecordingSecretStore"/> hands out: records each probe, then asks the inner one.</summary>
internal sealed class RecordingChangeProbe(ISecretChangeProbe innerProbe, Action<RecordedSecretStoreCall> record) : ISecretChangeProbe
{
    public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        record(new RecordedSecretStoreCall(SecretStoreOperations.GetLatestProperties, [new SecretRequest(name)]));
        return innerProbe.GetLatestPropertiesAsync(name, cancellationToken);
    }
}
