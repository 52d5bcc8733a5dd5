namespace SecretsAbstractions.Internal;

/// <summary>Reports every call of the inner store, and of its writer and change probe, to a <see cref="SecretStoreObserver"/>.</summary>
internal sealed class ObservedSecretStore(ISecretStore innerStore, SecretStoreObserver observer) : DelegatingSecretStore(innerStore)
{
    private static readonly Func<Secret?, string> ReadOutcome = secret => secret is null ? SecretStoreTelemetry.OutcomeNotFound : SecretStoreTelemetry.OutcomeSuccess;

    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
        observer.ObserveAsync(
            SecretStoreOperations.GetSecret,
            name,
            (Store: InnerStore, Name: name, Version: version),
            static (s, ct) => s.Store.GetSecretAsync(s.Name, s.Version, ct),
            ReadOutcome,
            cancellationToken);

    public override ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default) =>
        observer.ObserveAsync(
            SecretStoreOperations.GetSecrets,
            secretName: null,
            (Store: InnerStore, Requests: requests),
            static (s, ct) => s.Store.GetSecretsAsync(s.Requests, ct),
            static _ => SecretStoreTelemetry.OutcomeSuccess,
            cancellationToken);

    public override IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        observer.ObserveListAsync(InnerStore.ListSecretsAsync(prefix, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new ObservedSecretWriter(innerWriter, observer);

    /// <inheritdoc/>
    protected override ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => new ObservedChangeProbe(innerProbe, observer);

    private sealed class ObservedChangeProbe(ISecretChangeProbe innerProbe, SecretStoreObserver observer) : ISecretChangeProbe
    {
        public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default) =>
            observer.ObserveAsync(
                SecretStoreOperations.GetLatestProperties,
                name,
                (Probe: innerProbe, Name: name),
                static (s, ct) => s.Probe.GetLatestPropertiesAsync(s.Name, ct),
                static latest => latest is null ? SecretStoreTelemetry.OutcomeNotFound : SecretStoreTelemetry.OutcomeSuccess,
                cancellationToken);
    }

    private sealed class ObservedSecretWriter(ISecretWriter innerWriter, SecretStoreObserver observer) : ISecretWriter
    {
        public ValueTask<SecretProperties> SetSecretAsync(string name, SecretValue value, SecretWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            observer.ObserveAsync(
                SecretStoreOperations.SetSecret,
                name,
                (Writer: innerWriter, Name: name, Value: value, Options: options),
                static (s, ct) => s.Writer.SetSecretAsync(s.Name, s.Value, s.Options, ct),
                static _ => SecretStoreTelemetry.OutcomeSuccess,
                cancellationToken);

        public ValueTask<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken = default) =>
            observer.ObserveAsync(
                SecretStoreOperations.DeleteSecret,
                name,
                (Writer: innerWriter, Name: name),
                static (s, ct) => s.Writer.DeleteSecretAsync(s.Name, ct),
                static deleted => deleted ? SecretStoreTelemetry.OutcomeSuccess : SecretStoreTelemetry.OutcomeNotFound,
                cancellationToken);
    }
}
