namespace SecretsAbstractions;

/// <summary>
/// A store that passes every call to an inner store; derive from it to add behaviour (caching,
/// resilience, logging) around any store. Compose with <see cref="SecretStoreBuilder"/>.
/// </summary>
/// <remarks>
/// <see cref="GetService"/> answers for this decorator's own type and otherwise asks the inner store,
/// so capabilities such as <see cref="ISecretWriter"/> pass through. A decorator that must see writes
/// (a cache that invalidates) overrides <see cref="WrapWriter"/>; one that must see change probes (a fault
/// injector, a recorder) overrides <see cref="WrapChangeProbe"/>.
/// Disposing the decorator disposes the inner store.
/// </remarks>
public abstract class DelegatingSecretStore : ISecretStore, IDisposable, IAsyncDisposable
{
    /// <summary>Creates a decorator around <paramref name="innerStore"/>.</summary>
    /// <param name="innerStore">The store to pass calls to.</param>
    protected DelegatingSecretStore(ISecretStore innerStore)
    {
        ArgumentNullException.ThrowIfNull(innerStore);
        InnerStore = innerStore;
    }

    /// <summary>The store calls are passed to.</summary>
    protected ISecretStore InnerStore { get; }

    /// <inheritdoc/>
    public virtual ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
        InnerStore.GetSecretAsync(name, version, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        InnerStore.ListSecretsAsync(prefix, cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default) =>
        InnerStore.GetSecretsAsync(requests, cancellationToken);

    /// <inheritdoc/>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        if (serviceKey is null && serviceType == typeof(ISecretWriter))
        {
            return InnerStore.GetService(serviceType) is ISecretWriter writer ? WrapWriter(writer) : null;
        }

        if (serviceKey is null && serviceType == typeof(ISecretChangeProbe))
        {
            return InnerStore.GetService(serviceType) is ISecretChangeProbe probe ? WrapChangeProbe(probe) : null;
        }

        return InnerStore.GetService(serviceType, serviceKey);
    }

    /// <summary>Wraps the inner store's writer, so that this decorator sees writes too (to invalidate, retry,
    /// log, ...). Called by <see cref="GetService"/> only when the inner store is writable; returns the inner
    /// writer unchanged by default.</summary>
    /// <param name="innerWriter">The inner store's writer.</param>
    /// <returns>The writer callers get from this decorator.</returns>
    protected virtual ISecretWriter WrapWriter(ISecretWriter innerWriter) => innerWriter;

    /// <summary>Wraps the inner store's change probe, so that this decorator sees probes too. Called by
    /// <see cref="GetService"/> only when the inner store offers one; returns the inner probe unchanged by default.</summary>
    /// <param name="innerProbe">The inner store's change probe.</param>
    /// <returns>The probe callers get from this decorator.</returns>
    protected virtual ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => innerProbe;

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner store.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && InnerStore is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>Disposes the inner store asynchronously.</summary>
    protected virtual ValueTask DisposeAsyncCore() => InnerStore switch
    {
        IAsyncDisposable asyncDisposable => asyncDisposable.DisposeAsync(),
        IDisposable disposable => DisposeSync(disposable),
        _ => ValueTask.CompletedTask,
    };

    private static ValueTask DisposeSync(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
