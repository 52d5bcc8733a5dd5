using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Configuration.Internal;

/// <summary>The <see cref="SecretStoreConfigurationTelemetry"/> instruments: one set per meter, so every provider
/// without an <see cref="IMeterFactory"/> shares a process-wide meter.</summary>
internal sealed class ConfigurationMetrics
{
    private static readonly string? Version = typeof(ConfigurationMetrics).Assembly.GetName().Version?.ToString();

    // One set of instruments per factory: a factory hands the same meter to every caller, and instruments created
    // twice on it would be reported twice.
    private static readonly ConditionalWeakTable<IMeterFactory, ConfigurationMetrics> PerFactory = [];

    private static readonly Lazy<ConfigurationMetrics> Shared = new(() => new ConfigurationMetrics(new Meter(SecretStoreTelemetry.MeterName, Version)));

    private ConfigurationMetrics(Meter meter)
    {
        Meter = meter;
        Loads = meter.CreateCounter<long>(
            SecretStoreConfigurationTelemetry.LoadsInstrument, unit: "{load}", description: "Loads of configuration from a secret store.");
        Failures = meter.CreateCounter<long>(
            SecretStoreConfigurationTelemetry.LoadFailuresInstrument, unit: "{failure}", description: "Failed loads of configuration from a secret store.");
        Duration = meter.CreateHistogram<double>(
            SecretStoreConfigurationTelemetry.LoadDurationInstrument,
            unit: "s",
            description: "Duration of loads of configuration from a secret store.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    public Meter Meter { get; }

    public Counter<long> Loads { get; }

    public Counter<long> Failures { get; }

    public Histogram<double> Duration { get; }

    public static ConfigurationMetrics For(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Shared.Value
            : PerFactory.GetValue(meterFactory, static factory => new ConfigurationMetrics(factory.Create(new MeterOptions(SecretStoreTelemetry.MeterName) { Version = Version })));
}
