namespace SecretsAbstractions.Tests.DependencyInjection;

/// <summary>A decorator that records its label each time a secret is read through it.</summary>
internal sealed class LabelRecordingStore(ISecretStore innerStore, string label, List<string> reads) : DelegatingSecretStore(innerStore)
{
    public string Label { get; } = label;

    public string InnerStoreName { get; } = innerStore.GetMetadata().StoreName;

    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        reads.Add(Label);
        return base.GetSecretAsync(name, version, cancellationToken);
    }
}

/// <summary>A store that counts how often it was disposed, synchronously or not.</summary>
internal sealed class DisposalTrackingStore : ISecretStore, IDisposable, IAsyncDisposable
{
    private readonly InMemorySecretStore _inner = new();

    public int DisposeCount { get; private set; }

    public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
        _inner.GetSecretAsync(name, version, cancellationToken);

    public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        _inner.ListSecretsAsync(prefix, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => DisposeCount++;

    public ValueTask DisposeAsync()
    {
        DisposeCount++;
        return ValueTask.CompletedTask;
    }
}
