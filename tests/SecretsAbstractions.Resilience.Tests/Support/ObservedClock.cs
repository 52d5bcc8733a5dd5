using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SecretsAbstractions.Resilience.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that also reports every timer created on it, so a test can see the delay the
/// pipeline asked for (backoff, retry-after) and advance time only once the pipeline is waiting.</summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(Fake.CreateTimer(callback, state, dueTime, period), this);
        timer.Report(dueTime);
        return timer;
    }

    /// <summary>Waits (without sleeping) for the next timer to be created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _timers.Reader.ReadAsync(TestContext.Current.CancellationToken);

    public bool HasUnobservedTimer => _timers.Reader.TryPeek(out _);

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Timers of cancellation token sources are created disarmed, then armed with <see cref="ITimer.Change"/>.</summary>
    private sealed class ObservedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public void Report(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock._timers.Writer.TryWrite(dueTime);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Report(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
