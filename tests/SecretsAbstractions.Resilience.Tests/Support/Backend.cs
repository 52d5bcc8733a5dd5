using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests.Support;

/// <summary>An in-memory store behind a <see cref="ChaosSecretStore"/>, counted by a <see cref="RecordingSecretStore"/>:
/// every call the recording store sees is an attempt that reached the backend.</summary>
internal sealed class Backend
{
    public const string SecretName = "app/db/password";
    public const string CanaryValue = "canary-7f3a9c-value";

    private Backend(InMemorySecretStore memory, ChaosSecretStore chaos)
    {
        Memory = memory;
        Chaos = chaos;
        Recording = new RecordingSecretStore(chaos);
    }

    public InMemorySecretStore Memory { get; }

    public ChaosSecretStore Chaos { get; }

    public RecordingSecretStore Recording { get; }

    public ChaosSecretStoreOptions Options => Chaos.Options;

    public long Attempts => Recording.TotalCallCount;

    public static async Task<Backend> CreateAsync(TimeProvider timeProvider, ChaosSecretStoreOptions? options = null, string storeName = "backend")
    {
        var memory = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = storeName }, timeProvider);
        await memory.SetSecretAsync(SecretName, CanaryValue, cancellationToken: TestContext.Current.CancellationToken);
        return new Backend(memory, new ChaosSecretStore(memory, options ?? new ChaosSecretStoreOptions(), timeProvider));
    }

    public ISecretStore Resilient(TimeProvider timeProvider, Action<SecretStoreResilienceOptions>? configure = null) =>
        Recording.AsBuilder().UseResilience(options =>
        {
            options.TimeProvider = timeProvider;
            configure?.Invoke(options);
        }).Build();
}
