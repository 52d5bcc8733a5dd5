using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using SecretsAbstractions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

/// <summary>
/// One configuration built over an in-memory store, seen through a chaos store (to take the backend down) and a
/// recording store (to count calls): recording -&gt; chaos -&gt; in-memory. Time is a <see cref="FakeTimeProvider"/>;
/// logs, metrics and change notifications are captured.
/// </summary>
internal sealed class ProviderHarness : IDisposable
{
    public const string Canary = "CANARY-7d1f0c52-value-must-never-leak";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly TestMeterFactory _meters = new();
    private IDisposable? _changeSubscription;

    public ProviderHarness(ISecretStore? inner = null)
    {
        Memory = new InMemorySecretStore(new InMemorySecretStoreOptions { StoreName = "mem" }, Time);
        Chaos = new ChaosSecretStore(inner ?? Memory, ChaosOptions, Time);
        Recording = new RecordingSecretStore(Chaos);
        LoggerFactory = new TestLoggerFactory(Logs);
        Failures = new MetricCollector<long>(_meters, SecretStoreTelemetry.MeterName, SecretStoreConfigurationTelemetry.LoadFailuresInstrument);
        Loads = new MetricCollector<long>(_meters, SecretStoreTelemetry.MeterName, SecretStoreConfigurationTelemetry.LoadsInstrument);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));

    public InMemorySecretStore Memory { get; }

    public ChaosSecretStoreOptions ChaosOptions { get; } = new() { Operations = ChaosOperations.Reads };

    public ChaosSecretStore Chaos { get; }

    public RecordingSecretStore Recording { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public MetricCollector<long> Failures { get; }

    public MetricCollector<long> Loads { get; }

    /// <summary>The sum of the failure counter.</summary>
    public long FailureCount => Failures.GetMeasurementSnapshot().Sum(m => m.Value);

    public IConfigurationRoot? Root { get; private set; }

    public SecretStoreConfigurationProvider Provider => Root!.Providers.OfType<SecretStoreConfigurationProvider>().Single();

    public int ChangeNotifications { get; private set; }

    /// <summary>Value reads that reached the store (single and bulk calls).</summary>
    public long ValueReadCalls =>
        Recording.GetCallCount(SecretStoreOperations.GetSecret) + Recording.GetCallCount(SecretStoreOperations.GetSecrets);

    public void Set(string name, string value, SecretWriteOptions? options = null) =>
        Memory.SetSecretAsync(name, value, options).AsTask().GetAwaiter().GetResult();

    public void Down() => ChaosOptions.FailureRate = 1;

    public void Up() => ChaosOptions.FailureRate = 0;

    public void Configure(SecretStoreConfigurationOptions options)
    {
        options.TimeProvider = Time;
        options.LoggerFactory = LoggerFactory;
        options.MeterFactory = _meters;
    }

    public IConfigurationRoot Build(Action<SecretStoreConfigurationOptions>? configure = null, ISecretStore? store = null)
    {
        Root = new ConfigurationBuilder()
            .AddSecretStore(store ?? Recording, options =>
            {
                Configure(options);
                configure?.Invoke(options);
            })
            .Build();
        _changeSubscription = ChangeToken.OnChange(Root.GetReloadToken, () => ChangeNotifications++);
        return Root;
    }

    /// <summary>Advances the clock by <paramref name="by"/> (one reload interval by default) and waits for the reload
    /// the timer started, if any.</summary>
    public async Task TickAsync(TimeSpan? by = null)
    {
        long before = Provider.TimerTicks;
        Time.Advance(by ?? Interval);
        Assert.Equal(before + 1, Provider.TimerTicks);
        var tick = Provider.CurrentTick;
        await tick;
        Assert.True(tick.IsCompletedSuccessfully, "the reload task ended in a fault or cancellation");
    }

    public IReadOnlyList<CapturedLogRecord> Warnings(string eventName) =>
        [.. Logs.Records.Where(r => r.Level == LogLevel.Warning && r.EventId.Name == eventName)];

    public void Dispose()
    {
        _changeSubscription?.Dispose();
        (Root as IDisposable)?.Dispose();
        Failures.Dispose();
        Loads.Dispose();
        _meters.Dispose();
        Recording.Dispose();
    }
}

/// <summary>A logger factory over one provider, without the Microsoft.Extensions.Logging package.</summary>
internal sealed class TestLoggerFactory(ILoggerProvider provider) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}

/// <summary>A meter factory whose meters are scoped to it, so parallel tests do not see each other's measurements.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
        }
    }
}
