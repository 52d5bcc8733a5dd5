using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SecretsAbstractions.Resilience.Tests.Support;
using SecretsAbstractions.Testing;

namespace SecretsAbstractions.Resilience.Tests;

public sealed class ResilienceTelemetryTests : IDisposable
{
    private readonly string _storeName = "store-" + Guid.NewGuid().ToString("N")[..8];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public ResilienceTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SecretStoreTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retries_are_counted_by_error_code()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions
        {
            FailureSchedule = { SecretStoreErrorCode.Unavailable, SecretStoreErrorCode.Timeout },
        }, _storeName);
        var store = backend.Resilient(clock, options => Quiet.RetriesOnly(options));

        await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken);

        var retries = Of(SecretStoreResilienceTelemetry.RetriesInstrument);
        Assert.Equal(["Unavailable", "Timeout"], retries.Select(r => r.Tags[SecretStoreTelemetry.ErrorTypeTag]));
        Assert.All(retries, r => Assert.Equal(SecretStoreOperations.GetSecret, r.Tags[SecretStoreTelemetry.OperationTag]));
        Assert.All(retries, r => Assert.DoesNotContain(r.Tags.Values, v => v == Backend.SecretName || v == Backend.CanaryValue));
    }

    [Fact]
    public async Task The_circuit_state_rises_when_it_opens_and_falls_when_it_closes()
    {
        var clock = new ObservedClock();
        var backend = await Backend.CreateAsync(clock, new ChaosSecretStoreOptions { FailureRate = 1 }, _storeName);
        var store = backend.Resilient(clock, options =>
        {
            options.TotalTimeout = null;
            options.AttemptTimeout = null;
            options.Retry.MaxRetryAttempts = 0;
            options.CircuitBreaker.FailureRatio = 0.5;
            options.CircuitBreaker.MinimumThroughput = 2;
            options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(1);
        });

        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        }

        Assert.Equal([1], Of(SecretStoreResilienceTelemetry.CircuitOpenInstrument).Select(m => m.Value));

        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<SecretStoreException>(async () => await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));
        Assert.Equal([1], Of(SecretStoreResilienceTelemetry.CircuitOpenInstrument).Select(m => m.Value));

        backend.Options.FailureRate = 0;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.GetSecretAsync(Backend.SecretName, cancellationToken: CancellationToken));

        Assert.Equal([1, -1], Of(SecretStoreResilienceTelemetry.CircuitOpenInstrument).Select(m => m.Value));
    }

    public void Dispose() => _listener.Dispose();

    private List<(string Instrument, long Value, Dictionary<string, string?> Tags)> Of(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal);
        if (copy.GetValueOrDefault(SecretStoreTelemetry.StoreNameTag) == _storeName)
        {
            _measurements.Enqueue((instrument.Name, value, copy));
        }
    }
}
