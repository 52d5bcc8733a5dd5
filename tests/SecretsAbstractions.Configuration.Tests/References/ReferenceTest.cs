using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Configuration;
using SecretsAbstractions.Configuration.Internal;

namespace SecretsAbstractions.Configuration.Tests.References;

/// <summary>Configuration with references to an in-memory store named <c>vault</c>, seen through a
/// <see cref="RecordingSecretStore"/>, on a <see cref="FakeTimeProvider"/>, with every log captured. No test sleeps.</summary>
public abstract class ReferenceTest : IDisposable
{
    /// <summary>A value that must never appear in a log or an exception.</summary>
    protected const string Canary = "CANARY-7f3a9c1e-d0e4-4b8e-9a51-c3e2";

    private readonly List<IDisposable> _disposables = [];

    protected ReferenceTest()
    {
        Recording = new RecordingSecretStore(Backend);
        LoggerFactory = new LoggerFactory([Logs]);
        _disposables.Add(LoggerFactory);
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal FakeTimeProvider Time { get; } = new();

    internal InMemorySecretStore Backend { get; } = new(new InMemorySecretStoreOptions { StoreName = "vault" });

    internal RecordingSecretStore Recording { get; }

    internal CapturingLoggerProvider Logs { get; } = new();

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>The stores references can name; <c>vault</c> by default.</summary>
    internal Dictionary<string, ISecretStore> Stores { get; } = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected Task SetAsync(string name, string value) => Backend.SetSecretAsync(name, value, cancellationToken: Ct).AsTask();

    /// <summary>Builds configuration from <paramref name="values"/>, then references resolved with the test's clock and logs.</summary>
    internal IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>> values, Action<SecretReferenceOptions>? configure = null) =>
        Build(builder => builder.AddInMemoryCollection(values), configure);

    internal IConfigurationRoot Build(Action<IConfigurationBuilder> addSources, Action<SecretReferenceOptions>? configure = null)
    {
        var builder = new ConfigurationBuilder();
        addSources(builder);
        Stores.TryAdd("vault", Recording);
        builder.AddSecretReferences(Stores, options =>
        {
            options.TimeProvider = Time;
            options.LoggerFactory = LoggerFactory;
            options.ReloadJitter = null;
            configure?.Invoke(options);
        });
        var root = builder.Build();
        _disposables.Add((IDisposable)root);
        return root;
    }

    internal static KeyValuePair<string, string?>[] Pairs(params (string Key, string? Value)[] values) =>
        [.. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))];

    internal static SecretReferenceConfigurationProvider ProviderOf(IConfigurationRoot root) =>
        root.Providers.OfType<SecretReferenceConfigurationProvider>().Single();

    /// <summary>Counts the configuration's change notifications.</summary>
    internal static Func<int> CountChanges(IConfiguration configuration)
    {
        int changes = 0;
        ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref changes));
        return () => Volatile.Read(ref changes);
    }

    /// <summary>Asserts that the canary is in no captured log and not in <paramref name="exception"/>'s text.</summary>
    internal void AssertNoCanary(Exception? exception = null)
    {
        Assert.Empty(Logs.FindContaining(Canary));
        if (exception is not null)
        {
            Assert.DoesNotContain(Canary, exception.ToString(), StringComparison.Ordinal);
        }
    }
}
