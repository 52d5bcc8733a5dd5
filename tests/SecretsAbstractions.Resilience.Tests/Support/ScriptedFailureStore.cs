namespace SecretsAbstractions.Resilience.Tests.Support;

/// <summary>Throws the scripted exceptions, one per call in order, then passes calls to the inner store.</summary>
internal sealed class ScriptedFailureStore(ISecretStore innerStore, params Exception[] script) : DelegatingSecretStore(innerStore)
{
    private int _calls;

    public int CallCount => Volatile.Read(ref _calls);

    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        int index = Interlocked.Increment(ref _calls) - 1;
        return index < script.Length
            ? ValueTask.FromException<Secret?>(script[index])
            : base.GetSecretAsync(name, version, cancellationToken);
    }
}
