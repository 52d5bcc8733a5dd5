using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Caching.Tests.Fakes;

namespace SecretsAbstractions.Caching.Tests;

/// <summary>A cache over a <see cref="GatedBackend"/> on a <see cref="FakeTimeProvider"/>; no test sleeps.</summary>
public abstract class CacheTest : IDisposable
{
    protected const string Name = "app/db/password";

    private CachingSecretStore? _store;

    internal FakeTimeProvider Time { get; } = new();

    internal GatedBackend Backend { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Deterministic defaults for tests: no jitter, refresh-ahead off unless a test turns it on.</summary>
    protected SecretCacheOptions Options { get; } = new()
    {
        TimeToLive = TimeSpan.FromMinutes(1),
        TimeToLiveJitter = TimeSpan.Zero,
        RefreshAheadThreshold = null,
        MaxStaleness = TimeSpan.FromMinutes(5),
        FailSafeRetryInterval = TimeSpan.FromSeconds(30),
        NegativeTimeToLive = TimeSpan.FromSeconds(10),
    };

    /// <summary>The store under test, created on first use (so a test can set <see cref="Options"/> first), on the test's thread.</summary>
    internal CachingSecretStore Store => _store ??= new CachingSecretStore(Backend, Options, Time);

    public void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<string?> ReadAsync(string name = Name) =>
        (await Store.GetSecretAsync(name, cancellationToken: Ct))?.Value.RevealString();

    /// <summary>Waits for the backend call in flight for <paramref name="name"/>, if any (a background refresh).</summary>
    protected Task WhenLoadedAsync(string name = Name) => Store.Cache.WhenLoaded(name, SecretVersion.Latest).WaitAsync(Ct);

    /// <summary>Starts <paramref name="count"/> readers on the thread pool and returns once every one of them has made
    /// its call (completed or waiting), so a test can release the backend knowing they all joined.</summary>
    protected async Task<Task<Secret?>[]> StartReadersAsync(int count, string name = Name)
    {
        // The store is created here, once: the readers must not race to create it.
        var store = Store;
        var starters = Enumerable.Range(0, count).Select(_ => Task.Factory.StartNew(
            () => store.GetSecretAsync(name, cancellationToken: Ct).AsTask(),
            Ct,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default)).ToArray();
        return await Task.WhenAll(starters);
    }
}
