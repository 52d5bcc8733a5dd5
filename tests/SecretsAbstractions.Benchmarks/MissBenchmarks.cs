using BenchmarkDotNet.Attributes;
using SecretsAbstractions.Caching;

namespace SecretsAbstractions.Benchmarks;

/// <summary>A cache miss against a backend that answers after 1 ms: the cost the cache adds to a backend read
/// (entry, single-flight, storing the result) next to the same read made directly.</summary>
[MemoryDiagnoser]
public class MissBenchmarks
{
    private SlowBackend _backend = null!;
    private CachingSecretStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _backend = new SlowBackend(TimeSpan.FromMilliseconds(1));
        _store = new CachingSecretStore(_backend, new SecretCacheOptions { TimeToLive = TimeSpan.FromHours(1) });
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "Backend read (1 ms), no cache")]
    public async Task<Secret?> BackendDirect() => await _backend.GetSecretAsync(BenchmarkSecrets.Name).ConfigureAwait(false);

    [Benchmark(Description = "CachingSecretStore miss (invalidate, then read)")]
    public async Task<Secret?> CachingMiss()
    {
        _store.Invalidate(BenchmarkSecrets.Name);
        return await _store.GetSecretAsync(BenchmarkSecrets.Name).ConfigureAwait(false);
    }
}
