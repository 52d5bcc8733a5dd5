using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Benchmarks;

/// <summary>
/// Cold load of the configuration provider (<c>AddSecretStore(...).Build()</c>) from a store where every call waits
/// 20 ms of real time, against the design target: 1,000 secrets within 1.5x of (1,000 / concurrency) x 20 ms.
/// </summary>
/// <remarks>
/// <para>The store is an in-memory store behind <see cref="LatencyStore"/>: one listing call (20 ms), then each read
/// call waits 20 ms. Without a batch API the provider sends one secret per call, <see cref="SecretStoreConfigurationOptions.MaxConcurrency"/>
/// at a time (16 by default): the bound is 1,000 / 16 x 20 ms = 1,250 ms (plus the one 20 ms listing). With a batch API
/// (as AWS has) it sends 20 secrets per call: 50 calls, 16 at a time, 4 rounds: 80 ms.</para>
/// <para>The one-at-a-time baseline (<c>MaxConcurrency = 1</c>, what single-backend providers do) loads 100 secrets, not
/// 1,000: loading one at a time is 100 sequential 20 ms waits, linear by construction, so its time x 10 is the 1,000-secret
/// figure (about 20 s), and the CI's dry job (one invocation of each benchmark) stays a few seconds long.</para>
/// </remarks>
public class ConfigurationColdLoadBenchmarks
{
    private const int SecretCount = 1000;
    private const int BaselineSecretCount = 100;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private InMemorySecretStore _secrets = null!;
    private InMemorySecretStore _baselineSecrets = null!;

    [GlobalSetup]
    public void Setup()
    {
        _secrets = Fill(SecretCount);
        _baselineSecrets = Fill(BaselineSecretCount);
    }

    [Benchmark(Description = "1,000 secrets, 20 ms per call, default concurrency (16), one secret per call")]
    public int DefaultConcurrency() => Load(new LatencyStore(_secrets, Latency, batch: false), configure: null);

    [Benchmark(Description = "1,000 secrets, 20 ms per call, default concurrency (16), batch API (20 per call)")]
    public int DefaultConcurrencyBatchApi() => Load(new LatencyStore(_secrets, Latency, batch: true), configure: null);

    [Benchmark(Baseline = true, Description = "100 secrets, 20 ms per call, one at a time (x10 for 1,000)")]
    public int OneAtATime() => Load(new LatencyStore(_baselineSecrets, Latency, batch: false), o => o.MaxConcurrency = 1);

    private static int Load(ISecretStore store, Action<SecretStoreConfigurationOptions>? configure)
    {
        var root = new ConfigurationBuilder().AddSecretStore(store, configure).Build();
        int count = root.Providers.OfType<SecretStoreConfigurationProvider>().Single().Status.SecretCount;
        ((IDisposable)root).Dispose();
        int expected = ((LatencyStore)store).Expected;
        return count == expected ? count : throw new InvalidOperationException($"Loaded {count} secrets instead of {expected}.");
    }

    private static InMemorySecretStore Fill(int count)
    {
        var store = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = "bench" });
        for (int i = 0; i < count; i++)
        {
            store.SetSecretAsync($"app/service{i / 50:D2}/setting{i:D4}", $"value-{i}").AsTask().GetAwaiter().GetResult();
        }

        return store;
    }

    /// <summary>Waits <c>latency</c> of real time in every call: each listing, each single read, and each bulk call
    /// (a bulk call of a store without a batch API is one wait per secret, in parallel, as the default bulk read does).</summary>
    private sealed class LatencyStore(InMemorySecretStore inner, TimeSpan latency, bool batch) : DelegatingSecretStore(inner)
    {
        public int Expected { get; } = inner.ListSecretsAsync().ToBlockingEnumerable().Count();

        public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            return await InnerStore.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        {
            if (!batch)
            {
                return await SecretBatch.GetInParallelAsync(this, requests, SecretBatch.DefaultMaxConcurrency, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            return await InnerStore.GetSecretsAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        public override async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            await foreach (var properties in InnerStore.ListSecretsAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                yield return properties;
            }
        }

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(SecretStoreMetadata) && serviceKey is null
                ? new SecretStoreMetadata("Latency", "bench", capabilities: batch ? SecretStoreCapabilities.Batch : SecretStoreCapabilities.None)
                : base.GetService(serviceType, serviceKey);
    }
}
