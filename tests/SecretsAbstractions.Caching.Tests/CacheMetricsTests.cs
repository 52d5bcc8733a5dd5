using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SecretsAbstractions.Caching.Internal;
using SecretsAbstractions.Caching.Tests.Fakes;
using Telemetry = SecretsAbstractions.Caching.SecretStoreCachingTelemetry;

namespace SecretsAbstractions.Caching.Tests;

public sealed class CacheMetricsTests : CacheTest
{
    private static readonly string[] Instruments =
    [
        Telemetry.HitsInstrument,
        Telemetry.MissesInstrument,
        Telemetry.StaleServesInstrument,
        Telemetry.StaleEntriesInstrument,
        Telemetry.MaxStalenessInstrument,
    ];

    [Fact]
    public async Task Hits_and_misses_are_reported_from_the_cache_counters_with_the_store_and_provider_tags_only()
    {
        Backend.Set(Name, "v1");
        Backend.Set("app/other", "v2");
        using var capture = new CacheMeterCapture(Store.Metrics.Meter);

        await ReadAsync();
        for (int i = 0; i < 3; i++)
        {
            await ReadAsync();
        }

        await Store.GetSecretsAsync([new SecretRequest(Name), new SecretRequest("app/other")], Ct);

        var collected = capture.Collect();
        Assert.Equal(Instruments.Order(StringComparer.Ordinal), collected.Select(r => r.Instrument.Name).Order(StringComparer.Ordinal));
        Assert.Equal(4, Value(collected, Telemetry.HitsInstrument));
        Assert.Equal(2, Value(collected, Telemetry.MissesInstrument));
        Assert.Equal(0, Value(collected, Telemetry.StaleServesInstrument));
        Assert.Equal(0, Value(collected, Telemetry.StaleEntriesInstrument));
        Assert.Equal(0, Value(collected, Telemetry.MaxStalenessInstrument));
        Assert.Equal(4, Store.GetStatistics().Hits);
        var expectedTags = new KeyValuePair<string, object?>[]
        {
            new(SecretStoreTelemetry.StoreNameTag, "Gated"),
            new(SecretStoreTelemetry.ProviderNameTag, "Gated"),
        };
        Assert.All(collected, r => Assert.Equal(expectedTags, r.Tags));
        Assert.All(collected, r => Assert.Equal(SecretStoreTelemetry.MeterName, r.Instrument.Meter.Name));
        Assert.IsType<ObservableCounter<long>>(collected.Single(r => r.Instrument.Name == Telemetry.HitsInstrument).Instrument, exactMatch: false);
        Assert.Equal("s", collected.Single(r => r.Instrument.Name == Telemetry.MaxStalenessInstrument).Instrument.Unit);
    }

    [Fact]
    public async Task A_read_within_the_refresh_ahead_window_is_a_hit_and_its_background_refresh_a_miss()
    {
        Options.RefreshAheadThreshold = 0.5;
        Backend.Set(Name, "v1");
        using var capture = new CacheMeterCapture(Store.Metrics.Meter);
        await ReadAsync();

        Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal("v1", await ReadAsync());
        await WhenLoadedAsync();

        Assert.Equal(1, capture.Value(Telemetry.HitsInstrument));
        Assert.Equal(2, capture.Value(Telemetry.MissesInstrument));
        Assert.Equal(0, capture.Value(Telemetry.StaleServesInstrument));
    }

    [Fact]
    public async Task During_a_backend_outage_stale_serves_and_the_staleness_gauges_follow_the_fake_clock()
    {
        Backend.Set(Name, "good");
        var chaos = new ChaosSecretStore(Backend, new ChaosSecretStoreOptions(), Time);
        using var store = new CachingSecretStore(chaos, Options, Time);
        using var capture = new CacheMeterCapture(store.Metrics.Meter);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        chaos.Options.FailureRate = 1;

        // Expired by 10 s: the refresh fails, the last good value is served stale.
        Time.Advance(Options.TimeToLive + TimeSpan.FromSeconds(10));
        Assert.Equal("good", (await store.GetSecretAsync(Name, cancellationToken: Ct))!.Value.RevealString());
        Assert.Equal(1, capture.Value(Telemetry.StaleServesInstrument));
        Assert.Equal(1, capture.Value(Telemetry.StaleEntriesInstrument));
        Assert.Equal(10, capture.Value(Telemetry.MaxStalenessInstrument));

        // 90 s later: two more stale serves (one within the fail-safe retry interval, one after a second failure).
        Time.Advance(TimeSpan.FromSeconds(20));
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Time.Advance(TimeSpan.FromSeconds(70));
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Assert.Equal(3, capture.Value(Telemetry.StaleServesInstrument));
        Assert.Equal(100, capture.Value(Telemetry.MaxStalenessInstrument));
        Assert.Equal(0, capture.Value(Telemetry.HitsInstrument));

        // Past the maximum staleness: nothing left to serve, so nothing is served stale.
        Time.Advance(Options.MaxStaleness);
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Name, cancellationToken: Ct));
        Assert.Equal(0, capture.Value(Telemetry.StaleEntriesInstrument));
        Assert.Equal(0, capture.Value(Telemetry.MaxStalenessInstrument));
        Assert.Equal(3, capture.Value(Telemetry.StaleServesInstrument));

        // The backend is back: fresh again.
        chaos.Options.FailureRate = 0;
        Time.Advance(Options.FailSafeRetryInterval);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Assert.Equal(0, capture.Value(Telemetry.MaxStalenessInstrument));
        Assert.Equal(1, capture.Value(Telemetry.HitsInstrument));
        Assert.Equal(store.GetStatistics().BackendReads, capture.Value(Telemetry.MissesInstrument));
    }

    [Fact]
    public async Task No_tag_carries_a_secret_name_or_value()
    {
        string canary = RedactionAssert.NewCanary();
        string canaryName = "app/" + canary.ToLowerInvariant();
        var backend = new GatedBackend(storeName: "payments");
        backend.Set(canaryName, canary);
        var chaos = new ChaosSecretStore(backend, new ChaosSecretStoreOptions(), Time);
        using var store = new CachingSecretStore(chaos, Options, Time);
        using var capture = new CacheMeterCapture(store.Metrics.Meter);

        await store.GetSecretAsync(canaryName, cancellationToken: Ct);
        await store.GetSecretAsync(canaryName, cancellationToken: Ct);
        chaos.Options.FailureRate = 1;
        Time.Advance(Options.TimeToLive + TimeSpan.FromSeconds(1));
        await store.GetSecretAsync(canaryName, cancellationToken: Ct);
        capture.Collect();

        Assert.NotEmpty(capture.All);
        foreach (var recorded in capture.All)
        {
            Assert.Equal(new[] { SecretStoreTelemetry.StoreNameTag, SecretStoreTelemetry.ProviderNameTag }, recorded.Tags.Select(t => t.Key));
            foreach (var tag in recorded.Tags)
            {
                string text = tag.Key + "=" + tag.Value;
                RedactionAssert.DoesNotContain(canary, text, "a cache metric tag");
                Assert.DoesNotContain(canaryName, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal("payments", capture.All.First().Tags[0].Value);
    }

    [Fact]
    public async Task A_meter_of_its_own_is_disposed_with_the_store()
    {
        Backend.Set(Name, "v1");
        var store = new CachingSecretStore(Backend, Options, Time);
        using var capture = new CacheMeterCapture(store.Metrics.Meter);
        await store.GetSecretAsync(Name, cancellationToken: Ct);

        store.Dispose();

        Assert.Equal(Instruments.Order(StringComparer.Ordinal), capture.CompletedInstruments.Order(StringComparer.Ordinal));
        Assert.Empty(capture.Collect());
    }

    [Fact]
    public async Task UseCaching_creates_the_meter_from_the_registered_meter_factory_and_leaves_it_to_the_factory()
    {
        var factory = new RecordingMeterFactory();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Time).AddSingleton<IMeterFactory>(factory).BuildServiceProvider();
        var inner = new InMemorySecretStore();
        await inner.SetSecretAsync(Name, "v1", cancellationToken: Ct);
        var store = new SecretStoreBuilder(inner).UseCaching(o => o.TimeToLiveJitter = TimeSpan.Zero).Build(services);
        var cache = store.GetService<CachingSecretStore>()!;
        var meter = Assert.Single(factory.Meters);
        Assert.Same(meter, cache.Metrics.Meter);
        Assert.Equal(SecretStoreTelemetry.MeterName, meter.Name);
        using var capture = new CacheMeterCapture(meter);

        await store.GetSecretAsync(Name, cancellationToken: Ct);
        await store.GetSecretAsync(Name, cancellationToken: Ct);
        Assert.Equal(1, capture.Value(Telemetry.HitsInstrument));

        cache.Dispose();
        Assert.Empty(capture.CompletedInstruments);
        Assert.Empty(capture.Collect());
        factory.Dispose();
        Assert.NotEmpty(capture.CompletedInstruments);
    }

    [Fact]
    public async Task Concurrent_hits_are_counted_and_the_metric_and_the_statistics_agree()
    {
        Backend.Set(Name, "v1");
        var store = Store;
        using var capture = new CacheMeterCapture(store.Metrics.Meter);
        await ReadAsync();

        await Parallel.ForAsync(0, 10_000, Ct, async (_, ct) => await store.GetSecretAsync(Name, cancellationToken: ct));

        // Hits are counted without a lock prefix (see StripedCounter): never more than the hits, rarely fewer.
        double hits = capture.Value(Telemetry.HitsInstrument);
        Assert.InRange(hits, 1, 10_000);
        Assert.Equal(hits, store.GetStatistics().Hits);
        Assert.Equal(1, capture.Value(Telemetry.MissesInstrument));
    }

    [Fact]
    public void The_striped_counter_sums_its_slots()
    {
        var counter = new StripedCounter();
        for (int i = 0; i < 1_000; i++)
        {
            counter.Increment();
        }

        Assert.Equal(1_000, counter.Sum);
    }

    private static double Value(IReadOnlyList<CacheMeterCapture.Recorded> collected, string instrument) =>
        Assert.Single(collected, r => r.Instrument.Name == instrument).Value;

    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }

            GC.SuppressFinalize(this);
        }
    }
}
