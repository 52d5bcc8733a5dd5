using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SecretsAbstractions.Caching.Tests.Fakes;

/// <summary>Listens, with a <see cref="MeterListener"/>, to the instruments of one meter only (other tests run in
/// parallel on the same meter name), and collects the observable ones on demand.</summary>
internal sealed class CacheMeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    public CacheMeterCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => CompletedInstruments.Enqueue(instrument.Name);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _recorded.Enqueue(new(instrument, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _recorded.Enqueue(new(instrument, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The instruments whose meter was disposed (or whose listening ended).</summary>
    public ConcurrentQueue<string> CompletedInstruments { get; } = new();

    /// <summary>Every measurement recorded so far, for checks over all of them (tags).</summary>
    public IEnumerable<Recorded> All => _recorded;

    /// <summary>Collects the observable instruments now and returns what each one reported.</summary>
    public IReadOnlyList<Recorded> Collect()
    {
        int before = _recorded.Count;
        _listener.RecordObservableInstruments();
        return [.. _recorded.Skip(before)];
    }

    /// <summary>Collects now and returns the one value <paramref name="instrument"/> reported.</summary>
    public double Value(string instrument) => Assert.Single(Collect(), r => r.Instrument.Name == instrument).Value;

    public void Dispose() => _listener.Dispose();

    internal sealed record Recorded(Instrument Instrument, double Value, KeyValuePair<string, object?>[] Tags);
}
