namespace SecretsAbstractions.Caching.Tests.Fakes;

/// <summary>An in-memory store that also offers <see cref="ISecretChangeProbe"/>, counting probes.</summary>
internal sealed class ProbingStore(ISecretStore inner) : DelegatingSecretStore(inner), ISecretChangeProbe
{
    private int _probes;

    public int Probes => _probes;

    public async ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _probes);
        return (await InnerStore.GetSecretAsync(name, cancellationToken: cancellationToken))?.Properties;
    }
}
