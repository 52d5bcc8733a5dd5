using System.Runtime.CompilerServices;
using SecretsAbstractions.Testing.Internal;

namespace SecretsAbstractions.Testing;

/// <summary>
/// A decorator that disturbs calls to the inner store, to test how an application or a decorator (caching,
/// resilience) copes with a slow, failing or throttling backend: it adds latency through a
/// <see cref="TimeProvider"/> (so a <c>FakeTimeProvider</c> controls it), and fails calls with a chosen
/// <see cref="SecretStoreErrorCode"/> by rate or by a deterministic schedule, throttling with
/// <see cref="SecretStoreException.RetryAfter"/>. See <see cref="ChaosSecretStoreOptions"/>.
/// </summary>
/// <remarks>
/// Writes and change probes are disturbed too: <see cref="WrapWriter"/> and <see cref="WrapChangeProbe"/> wrap the
/// inner store's <see cref="ISecretWriter"/> and <see cref="ISecretChangeProbe"/>.
/// A bulk <see cref="GetSecretsAsync"/> is one disturbed call; a listing is disturbed once, when its
/// enumeration starts. Faults are injected before the inner store sees the call. Thread-safe.
/// </remarks>
public sealed class ChaosSecretStore : DelegatingSecretStore
{
    private readonly ChaosEngine _chaos;

    /// <summary>Creates a chaos decorator.</summary>
    /// <param name="innerStore">The store to disturb.</param>
    /// <param name="options">What to inject; nothing by default. Kept by reference and read on every call.</param>
    /// <param name="timeProvider">The clock latency is measured with; the system clock by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ChaosSecretStore(ISecretStore innerStore, ChaosSecretStoreOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerStore)
    {
        Options = options ?? new ChaosSecretStoreOptions();
        _chaos = new ChaosEngine(Options, timeProvider ?? TimeProvider.System, () => innerStore.GetMetadata().StoreName);
    }

    /// <summary>The options, read on every call.</summary>
    public ChaosSecretStoreOptions Options { get; }

    /// <summary>How many calls were disturbed so far (delayed and considered for failure).</summary>
    public long DisturbedCallCount => _chaos.DisturbedCalls;

    /// <summary>How many failures were injected so far.</summary>
    public long InjectedFailureCount => _chaos.InjectedFailures;

    /// <inheritdoc/>
    public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        await _chaos.BeforeCallAsync(ChaosOperations.GetSecret, SecretStoreOperations.GetSecret, name, cancellationToken).ConfigureAwait(false);
        return await InnerStore.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
    {
        await _chaos.BeforeCallAsync(ChaosOperations.GetSecrets, SecretStoreOperations.GetSecrets, secretName: null, cancellationToken).ConfigureAwait(false);
        return await InnerStore.GetSecretsAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ListWithChaosAsync(prefix, cancellationToken);

    /// <inheritdoc/>
    protected override ISecretWriter WrapWriter(ISecretWriter innerWriter) => new ChaosSecretWriter(innerWriter, _chaos);

    /// <inheritdoc/>
    protected override ISecretChangeProbe WrapChangeProbe(ISecretChangeProbe innerProbe) => new ChaosChangeProbe(innerProbe, _chaos);

    private async IAsyncEnumerable<SecretProperties> ListWithChaosAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _chaos.BeforeCallAsync(ChaosOperations.ListSecrets, SecretStoreOperations.ListSecrets, secretName: null, cancellationToken).ConfigureAwait(false);
        await foreach (var properties in InnerStore.ListSecretsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return properties;
        }
    }
}
