namespace SecretsAbstractions.Testing.Internal;

/// <summary>The change probe a <see cref="ChaosSecretStore"/> hands out: the inner probe, disturbed by the same engine.</summary>
internal sealed class ChaosChangeProbe(ISecretChangeProbe innerProbe, ChaosEngine chaos) : ISecretChangeProbe
{
    public async ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        await chaos.BeforeCallAsync(ChaosOperations.GetLatestProperties, SecretStoreOperations.GetLatestProperties, name, cancellationToken).ConfigureAwait(false);
        return await innerProbe.GetLatestPropertiesAsync(name, cancellationToken).ConfigureAwait(false);
    }
}
