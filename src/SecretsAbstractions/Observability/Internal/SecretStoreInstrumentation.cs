using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecretsAbstractions.Internal;

/// <summary>The activity source and instruments of <see cref="SecretStoreTelemetry"/>: one per meter, so every store
/// decorated from the same <see cref="IMeterFactory"/> (or none) shares them.</summary>
internal sealed class SecretStoreInstrumentation
{
    public static readonly ActivitySource ActivitySource = new(SecretStoreTelemetry.ActivitySourceName, typeof(SecretStoreInstrumentation).Assembly.GetName().Version?.ToString());

    private static readonly Lazy<SecretStoreInstrumentation> Shared = new(() => new SecretStoreInstrumentation(
        new Meter(SecretStoreTelemetry.MeterName, typeof(SecretStoreInstrumentation).Assembly.GetName().Version?.ToString())));

    private SecretStoreInstrumentation(Meter meter)
    {
        Duration = meter.CreateHistogram<double>(
            SecretStoreTelemetry.OperationDurationInstrument,
            unit: "s",
            description: "Duration of secret store operations.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        Errors = meter.CreateCounter<long>(
            SecretStoreTelemetry.OperationErrorsInstrument,
            unit: "{error}",
            description: "Failed secret store operations, by error code.");
    }

    public Histogram<double> Duration { get; }

    public Counter<long> Errors { get; }

    public static SecretStoreInstrumentation For(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Shared.Value
            : new SecretStoreInstrumentation(meterFactory.Create(new MeterOptions(SecretStoreTelemetry.MeterName)
            {
                Version = typeof(SecretStoreInstrumentation).Assembly.GetName().Version?.ToString(),
            }));
}
