using SecretsAbstractions.Testing.Internal;

namespace SecretsAbstractions.Testing;

/// <summary>
/// A decorator that records every call to the inner store (and to the writer and change probe it hands out) before passing it
/// on: counts per operation (named as in <see cref="SecretStoreOperations"/>) and the names asked for, never
/// a value. Use it to assert how often a cache or a configuration provider reaches the backend. Thread-safe.
/// </summary>
/// <remarks>
/// A call is recorded when it is made, whether or not it then succeeds; a listing when
/// <see cref="ListSecretsAsync"/> is called. A bulk <see cref="GetSecretsAsync"/> is one
/// <see cref="SecretStoreOperations.GetSecrets"/> call; single reads the inner store makes to serve it are not
/// counted.
/// </remarks>
public sealed class RecordingSecretStore : DelegatingSecretStore
{
    private readonly Lock _lock = new();
    private readonly List<RecordedSecretStoreCall> _calls = [];
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Creates a recording decorator.</summary>
    /// <param name="innerStore">The store whose calls are recorded.</param>
    public RecordingSecretStore(ISecretStore innerStore)
        : base(innerStore)
    {
    }

    /// <summary>How many calls were made so far, all operations together.</summary>
    public long TotalCallCount
    {
        get
        {
            lock (_lock)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>A snapshot of the number of calls per operation; operations never called are absent.</summary>
    public IReadOnlyDictionary<string, long> CallCounts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, long>(_counts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A snapshot of every call, in the order they were made.</summary>
    public IReadOnlyList<RecordedSecretStoreCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>A snapshot of the names asked for by gets, bulk gets, sets and deletes, in order (listing
    /// prefixes and the names of change probes, which read no value, are in <see cref="Calls"/>).</summary>
    public IReadOnlyList<string> RequestedNames
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls
                    .Where(call => call.Operation != SecretStoreOperations.GetLatestProperties)
                    .SelectMany(call => call.Secrets)
                    .Select(request => request.Name)];
            }
        }
    }

    /// <summary>How many calls of <paramref name="operation"/> were made so far.</summary>
    /// <param name="operation">One of <see cref="SecretStoreOperations"/>.</param>
    public long GetCallCount(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_lock)
        {
            return _counts.GetValueOrDefault(operation);
        }
    }

    /// <summary>Forgets every call recorded so far.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _calls.Clear();
            _counts.Clear();
        }
    }

    /// <inheritdoc/>
    public override ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        Record(new RecordedSecretStoreCall(SecretStoreOperations.GetSecret, [new SecretRequest(name, version)]));
        return base.GetSecretAsync(name, version, cancellationToken);
    }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        Record(new RecordedSecretStoreCall(SecretStoreOperations.GetSecrets, [.. requests]));
        return base.GetSecretsAsync(requests, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        Record(new RecordedSecretStoreCall(SecretStoreOperations.ListSecrets, [], prefix));
        return base.ListSecretsAsync(prefix, cancellationToken);
    }

    /// <inheritdoc/>
    protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new RecordingSecretWriter(innerWriter, Record);

    /// <inheritdoc/>
    protected override ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => new RecordingChangeProbe(innerProbe, Record);

    private void Record(RecordedSecretStoreCall call)
    {
        lock (_lock)
        {
            _calls.Add(call);
            _counts[call.Operation] = _counts.GetValueOrDefault(call.Operation) + 1;
        }
    }
}
