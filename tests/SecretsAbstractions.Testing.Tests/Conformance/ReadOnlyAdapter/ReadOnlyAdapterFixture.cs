using Microsoft.Extensions.Logging;

namespace SecretsAbstractions.Testing.Tests.Conformance.ReadOnlyAdapter;

/// <summary>The read-only adapter over an in-memory backend: no capabilities, seeded straight into the backend,
/// backend calls counted by a <see cref="RecordingSecretStore"/> between the adapter and the backend.</summary>
public sealed class ReadOnlyAdapterFixture : SecretStoreFixture
{
    private readonly InMemorySecretStore _backend = new();
    private RecordingSecretStore? _backendCalls;

    public override SecretStoreCapabilities Capabilities => SecretStoreCapabilities.None;

    public override long? BackendCallCount => _backendCalls?.TotalCallCount;

    public override async ValueTask SeedAsync(IReadOnlyDictionary<string, SecretValue> secrets, CancellationToken cancellationToken = default)
    {
        foreach (var (name, value) in secrets)
        {
            await _backend.SetSecretAsync(name, value, cancellationToken: cancellationToken);
        }
    }

    protected override ValueTask<ISecretStore> CreateStoreAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _backendCalls = new RecordingSecretStore(_backend);
        return ValueTask.FromResult<ISecretStore>(new ReadOnlyAdapterSecretStore(_backendCalls, loggerFactory.CreateLogger<ReadOnlyAdapterSecretStore>()));
    }
}
