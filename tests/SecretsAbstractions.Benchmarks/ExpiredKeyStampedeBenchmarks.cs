using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Caching;

namespace SecretsAbstractions.Benchmarks;

/// <summary>
/// 1,000 concurrent readers (spread over the thread pool) of one key that has just expired, against a backend
/// that answers after 1 ms. Without refresh-ahead they all wait for one backend call; with it they all get the
/// cached value at once while one call refreshes it. Every operation checks that the backend saw at most one call.
/// </summary>
[MemoryDiagnoser]
public class ExpiredKeyStampedeBenchmarks
{
    private const int Readers = 1000;
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(1);

    private readonly Task<Secret?>[] _reads = new Task<Secret?>[Readers];
    private FakeTimeProvider _time = null!;
    private SlowBackend _backend = null!;
    private CachingSecretStore _store = null!;

    [Params(false, true)]
    public bool RefreshAhead { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _time = new FakeTimeProvider();
        _backend = new SlowBackend(TimeSpan.FromMilliseconds(1));
        _store = new CachingSecretStore(
            _backend,
            new SecretCacheOptions { TimeToLive = TimeToLive, TimeToLiveJitter = TimeSpan.Zero, RefreshAheadThreshold = RefreshAhead ? 0.8 : null },
            _time);
        _ = await _store.GetSecretAsync(BenchmarkSecrets.Name).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "1,000 concurrent reads of one expired key")]
    public async Task<int> ThousandReadersOfExpiredKey()
    {
        long callsBefore = _backend.Calls;
        _time.Advance(TimeToLive);
        Parallel.For(0, Readers, i => _reads[i] = _store.GetSecretAsync(BenchmarkSecrets.Name).AsTask());
        var secrets = await Task.WhenAll(_reads).ConfigureAwait(false);
        long calls = _backend.Calls - callsBefore;
        if (calls > 1 || secrets.Any(secret => secret is null))
        {
            throw new InvalidOperationException($"{Readers} readers of one expired key caused {calls} backend calls; single-flight allows 1.");
        }

        return secrets.Length;
    }
}
