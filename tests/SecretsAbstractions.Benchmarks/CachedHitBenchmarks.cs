using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using SecretsAbstractions.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace SecretsAbstractions.Benchmarks;

/// <summary>
/// One cached hit of the same secret: a plain <see cref="ConcurrentDictionary{TKey, TValue}"/> lookup (the
/// baseline of the target: within 2x, 0 bytes), <see cref="CachingSecretStore"/>, and the candidates evaluated
/// for its core. Each candidate is keyed the way a secret cache must be: store identity, name and version, so
/// that one cache never serves one store's secret to another. The "best case" rows use one prebuilt string key,
/// which a real cache cannot (it would have to build the key on every read).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CachedHitBenchmarks
{
    private const string StoreName = "vault-prod";
    private static readonly SecretVersion Latest = SecretVersion.Latest;

    private readonly ConcurrentDictionary<string, Secret> _dictionary = new(StringComparer.Ordinal);
    private CachingSecretStore _store = null!;
    private MemoryCache _memoryCache = null!;
    private HybridCache _hybridCache = null!;
    private ServiceProvider _services = null!;
    private FusionCache _fusionCache = null!;
    private string _prebuiltKey = null!;
    private string _name = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // A name built at run time, as an application's configuration gives it, not an interned literal.
        _name = string.Concat("app/database/", "connection-string");
        _prebuiltKey = StoreName + "|" + _name + "|latest";
        var secret = BenchmarkSecrets.Create(_name);
        _dictionary[_name] = secret;

        var inner = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = StoreName });
        await inner.SetSecretAsync(_name, SecretValue.FromString("Server=db;Password=benchmark")).ConfigureAwait(false);
        _store = new CachingSecretStore(inner, new SecretCacheOptions { TimeToLive = TimeSpan.FromHours(1), TimeToLiveJitter = TimeSpan.Zero });
        _ = await _store.GetSecretAsync(_name).ConfigureAwait(false);

        _memoryCache = new MemoryCache(new MemoryCacheOptions());
        _memoryCache.Set(new SecretKey(StoreName, _name, Latest), secret, TimeSpan.FromHours(1));
        _memoryCache.Set(_prebuiltKey, secret, TimeSpan.FromHours(1));

        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _hybridCache = _services.GetRequiredService<HybridCache>();
        _ = await _hybridCache.GetOrCreateAsync(_prebuiltKey, secret, static (s, _) => ValueTask.FromResult(new CachedSecret(s))).ConfigureAwait(false);

        _fusionCache = new FusionCache(new FusionCacheOptions());
        _fusionCache.Set(_prebuiltKey, secret, TimeSpan.FromHours(1));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _memoryCache.Dispose();
        _fusionCache.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary<string, Secret>.TryGetValue")]
    public Secret? ConcurrentDictionaryLookup() => _dictionary.TryGetValue(_name, out var secret) ? secret : null;

    [Benchmark(Description = "CachingSecretStore.GetSecretAsync (hit)")]
    public Secret? CachingSecretStoreHit() => Hit(_store.GetSecretAsync(_name));

    [Benchmark(Description = "MemoryCache, (store, name, version) key")]
    public Secret? MemoryCacheCompositeKey() => _memoryCache.TryGetValue(new SecretKey(StoreName, _name, Latest), out Secret? secret) ? secret : null;

    [Benchmark(Description = "MemoryCache, prebuilt string key (best case)")]
    public Secret? MemoryCachePrebuiltKey() => _memoryCache.TryGetValue(_prebuiltKey, out Secret? secret) ? secret : null;

    [Benchmark(Description = "HybridCache.GetOrCreateAsync, key built per read")]
    public Secret? HybridCacheBuiltKey() =>
        Hit(_hybridCache.GetOrCreateAsync(StoreName + "|" + _name + "|latest", _dictionary[_name], static (s, _) => ValueTask.FromResult(new CachedSecret(s)))).Secret;

    [Benchmark(Description = "HybridCache.GetOrCreateAsync, prebuilt key (best case)")]
    public Secret? HybridCachePrebuiltKey() =>
        Hit(_hybridCache.GetOrCreateAsync(_prebuiltKey, _dictionary[_name], static (s, _) => ValueTask.FromResult(new CachedSecret(s)))).Secret;

    [Benchmark(Description = "FusionCache.TryGet, key built per read")]
    public Secret? FusionCacheBuiltKey() => _fusionCache.TryGet<Secret>(StoreName + "|" + _name + "|latest").GetValueOrDefault(null!);

    [Benchmark(Description = "FusionCache.TryGet, prebuilt key (best case)")]
    public Secret? FusionCachePrebuiltKey() => _fusionCache.TryGet<Secret>(_prebuiltKey).GetValueOrDefault(null!);

    /// <summary>A hit completes synchronously; anything else is a broken benchmark.</summary>
    private static T Hit<T>(ValueTask<T> read) =>
        read.IsCompletedSuccessfully ? read.Result : throw new InvalidOperationException("A cached read did not complete synchronously.");

    /// <summary>HybridCache copies what it stores unless the type is immutable and sealed; this wrapper says it is.</summary>
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record CachedSecret(Secret Secret);

    private readonly record struct SecretKey(string Store, string Name, SecretVersion Version);
}
