using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Caching.Tests.Fakes;

/// <summary>
/// A backend whose reads of a held name wait until the test releases them, and which counts reads per name.
/// Released reads continue on the releasing thread, so the cache has stored the result when <see cref="Release"/>
/// returns. Values are versioned: each <see cref="Set"/> makes a new version.
/// </summary>
internal sealed class GatedBackend : ISecretStore
{
    private readonly ConcurrentDictionary<string, Secret> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception?>> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string Version), Secret> _versions = new();
    private int _version;

    public GatedBackend(SecretStoreCapabilities capabilities = SecretStoreCapabilities.Versions, string storeName = "Gated")
    {
        Metadata = new SecretStoreMetadata("Gated", storeName, location: null, capabilities);
    }

    public SecretStoreMetadata Metadata { get; }

    /// <summary>Completes when a read of a held name is waiting.</summary>
    public TaskCompletionSource HeldReadStarted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls(string name) => _calls.GetValueOrDefault(name);

    public int TotalCalls => _calls.Values.Sum();

    public void Set(string name, string value)
    {
        string version = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var secret = new Secret(new SecretProperties(name) { Version = version }, SecretValue.FromString(value));
        _versions[(name, version)] = secret;
        _values[name] = secret;
    }

    public void Remove(string name) => _values.TryRemove(name, out _);

    /// <summary>Makes the next reads of <paramref name="name"/> wait for <see cref="Release"/>.</summary>
    public void Hold(string name)
    {
        HeldReadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates[name] = new TaskCompletionSource<Exception?>();
    }

    /// <summary>Lets the waiting reads of <paramref name="name"/> finish, with the current value or with <paramref name="error"/>.</summary>
    public void Release(string name, Exception? error = null)
    {
        Assert.True(_gates.TryRemove(name, out var gate), "Release without Hold.");
        gate.SetResult(error);
    }

    public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        _calls.AddOrUpdate(name, 1, static (_, count) => count + 1);
        return _gates.TryGetValue(name, out var gate) ? WaitAsync(gate, name, version, cancellationToken) : ValueTask.FromResult(Read(name, version));
    }

    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var secret in _values.Values.Where(s => SecretName.HasPrefix(s.Name, prefix)))
        {
            yield return secret.Properties;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(SecretStoreMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    private async ValueTask<Secret?> WaitAsync(TaskCompletionSource<Exception?> gate, string name, SecretVersion version, CancellationToken cancellationToken)
    {
        HeldReadStarted.TrySetResult();
        // No WaitAsync and no captured context: the read finishes on the thread that releases it.
        _ = cancellationToken;
        var error = await gate.Task.ConfigureAwait(false);
        return error is null ? Read(name, version) : throw error;
    }

    private Secret? Read(string name, SecretVersion version) =>
        version.IsLatest
            ? _values.GetValueOrDefault(name)
            : _versions.GetValueOrDefault((name, version.Value!));
}
