using System.Diagnostics.Metrics;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The <see cref="SecretStoreCachingTelemetry"/> instruments of one <see cref="CachingSecretStore"/>: observable
/// instruments over the counters and staleness the cache keeps anyway, tagged with the store's name and provider only.
/// </summary>
/// <remarks>A meter of its own is disposed with the store. A meter from an <see cref="IMeterFactory"/> belongs to the
/// factory (which hands the same meter to every caller with the same name and version), so it is left alone: the
/// instruments then let go of the cache when the store is disposed and report nothing more.</remarks>
internal sealed class CacheMetrics : IDisposable
{
    private static readonly string? Version = typeof(CacheMetrics).Assembly.GetName().Version?.ToString();

    private readonly Meter? _ownedMeter;
    private readonly KeyValuePair<string, object?>[] _tags;
    private volatile SecretCache? _cache;
    private volatile CacheInspector? _inspector;

    public CacheMetrics(SecretCache cache, CacheInspector inspector, IMeterFactory? meterFactory)
    {
        _cache = cache;
        _inspector = inspector;
        var metadata = cache.Identity.Metadata;
        _tags =
        [
            new(SecretStoreTelemetry.StoreNameTag, metadata.StoreName),
            new(SecretStoreTelemetry.ProviderNameTag, metadata.ProviderName),
        ];

        Meter meter = meterFactory is null
            ? _ownedMeter = new Meter(SecretStoreTelemetry.MeterName, Version)
            : meterFactory.Create(new MeterOptions(SecretStoreTelemetry.MeterName) { Version = Version });
        Meter = meter;

        meter.CreateObservableCounter(
            SecretStoreCachingTelemetry.HitsInstrument,
            () => Observe(static c => c.Counters.Hits),
            unit: "{hit}",
            description: "Secret reads answered from the cache with a fresh value.");
        meter.CreateObservableCounter(
            SecretStoreCachingTelemetry.MissesInstrument,
            () => Observe(static c => c.Counters.BackendReads),
            unit: "{miss}",
            description: "Reads the secret cache made from the backend (cold reads, refreshes, batch calls).");
        meter.CreateObservableCounter(
            SecretStoreCachingTelemetry.StaleServesInstrument,
            () => Observe(static c => c.Counters.StaleServes),
            unit: "{read}",
            description: "Secret reads answered with an expired value because the backend failed or was being refreshed.");
        meter.CreateObservableGauge(
            SecretStoreCachingTelemetry.StaleEntriesInstrument,
            () => ObserveStaleness(static s => (long)s.StaleEntryCount),
            unit: "{entry}",
            description: "Secret values served stale now because refreshing them failed.");
        meter.CreateObservableGauge(
            SecretStoreCachingTelemetry.MaxStalenessInstrument,
            () => ObserveStaleness(static s => s.MaxStaleness.TotalSeconds),
            unit: "s",
            description: "How long past its expiry the stalest secret value served stale is; 0 while all are fresh.");
    }

    /// <summary>The meter the instruments are on (for tests).</summary>
    internal Meter Meter { get; }

    public void Dispose()
    {
        _cache = null;
        _inspector = null;
        _ownedMeter?.Dispose();
    }

    private Measurement<long>[] Observe(Func<SecretCache, long> read) =>
        _cache is { } cache ? [new Measurement<long>(read(cache), _tags.AsSpan())] : [];

    private Measurement<T>[] ObserveStaleness<T>(Func<SecretStoreStaleness, T> read)
        where T : struct =>
        _inspector is { } inspector ? [new Measurement<T>(read(inspector.GetStaleness()), _tags.AsSpan())] : [];
}
