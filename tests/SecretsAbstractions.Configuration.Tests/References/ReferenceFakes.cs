using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.References;

/// <summary>A configuration source whose provider the test changes and reloads, like a file that changed.</summary>
internal sealed class MutableSource(params (string Key, string? Value)[] values) : IConfigurationSource
{
    public MutableProvider Provider { get; } = new(values);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

internal sealed class MutableProvider : ConfigurationProvider, IDisposable
{
    private readonly (string Key, string? Value)[] _initial;

    public MutableProvider((string Key, string? Value)[] initial) => _initial = initial;

    public bool Disposed { get; private set; }

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in _initial)
        {
            Data[key] = value;
        }
    }

    /// <summary>Replaces the data and fires the reload token, as a file provider does after a change.</summary>
    public void SetAndReload(params (string Key, string? Value)[] values)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        Data = data;
        OnReload();
    }

    public void Dispose() => Disposed = true;
}

/// <summary>A store with a batch API (so the resolver calls it directly, not from a thread-pool loop) that yields
/// before each read without ConfigureAwait(false), so it resumes on whatever context it was called on.</summary>
internal sealed class YieldingStore(ISecretStore inner) : DelegatingSecretStore(inner)
{
    public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.GetSecretAsync(name, version, cancellationToken);
    }

    public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.GetSecretsAsync(requests, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(SecretStoreMetadata) && serviceKey is null
            ? new SecretStoreMetadata("Yielding", "yielding", location: null, SecretStoreCapabilities.Batch)
            : base.GetService(serviceType, serviceKey);
}

/// <summary>A synchronization context that queues posted work and never runs it, like a UI thread blocked on a wait:
/// anything that resumes on it deadlocks.</summary>
internal sealed class NonPumpingSynchronizationContext : SynchronizationContext
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posts);

    public override void Send(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posts);
}

/// <summary>Holds every read until the test releases it, and records how many reads were in flight at once.</summary>
internal sealed class GatedStore(ISecretStore inner) : DelegatingSecretStore(inner)
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public int MaxInFlight { get; private set; }

    public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            _waiting.Enqueue(release);
            Signal();
        }

        await release.Task.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _inFlight--;
            Signal();
        }

        return await base.GetSecretAsync(name, version, cancellationToken);
    }

    public async Task WaitForInFlightAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_waiting.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void ReleaseOne()
    {
        lock (_gate)
        {
            _waiting.Dequeue().SetResult();
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Hides the inner store's <see cref="ISecretChangeProbe"/>, like a store that has none.</summary>
internal sealed class ProbeHidingStore(ISecretStore inner) : DelegatingSecretStore(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ISecretChangeProbe) ? null : base.GetService(serviceType, serviceKey);
}

/// <summary>Offers a change probe that always fails as unavailable, while reads work.</summary>
internal sealed class FailingProbeStore(ISecretStore inner) : DelegatingSecretStore(inner), ISecretChangeProbe
{
    public ValueTask<SecretProperties?> GetLatestPropertiesAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromException<SecretProperties?>(new SecretStoreException(SecretStoreErrorCode.Unavailable, "Probe down."));

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ISecretChangeProbe) ? this : base.GetService(serviceType, serviceKey);
}
