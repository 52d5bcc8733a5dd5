namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// The cache's clock: precise time from the <see cref="TimeProvider"/>, and a coarse time that a timer of the same
/// provider updates every <see cref="Period"/>. A cache hit reads only the coarse time (one memory read instead of a
/// clock call); it trusts it only up to <see cref="Margin"/> before an entry's refresh time, and reads the precise
/// time otherwise, so expiry is never observed late because of the coarse clock.
/// </summary>
internal sealed class CacheClock : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private static readonly Lock SystemClockLock = new();
    private static CacheClock? s_systemClock;

    private readonly ITimer _timer;
    private long _coarseNow;

    private CacheClock(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        // Two periods: a timer that fires up to one period late is still covered.
        Margin = ToTicks(Period + Period);
        _coarseNow = timeProvider.GetTimestamp();
        bool suppressed = !ExecutionContext.IsFlowSuppressed();
        if (suppressed)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            _timer = timeProvider.CreateTimer(static state => ((CacheClock)state!).Tick(), this, Period, Period);
        }
        finally
        {
            if (suppressed)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>How far ahead of an entry's refresh time the coarse time stops being trusted, in timestamp ticks.</summary>
    public long Margin { get; }

    /// <summary>The time of the last tick, at most about one <see cref="Period"/> behind <see cref="Now"/>.</summary>
    public long CoarseNow => Volatile.Read(ref _coarseNow);

    /// <summary>The precise time, as a <see cref="TimeProvider.GetTimestamp"/> timestamp.</summary>
    public long Now => TimeProvider.GetTimestamp();

    /// <summary>Whether the clock is shared by every cache on <see cref="TimeProvider.System"/> and must not be disposed.</summary>
    public bool IsShared { get; private set; }

    /// <summary>Returns the process-wide clock for <see cref="TimeProvider.System"/>, or a new clock for any other provider.</summary>
    public static CacheClock For(TimeProvider timeProvider)
    {
        if (!ReferenceEquals(timeProvider, TimeProvider.System))
        {
            return new CacheClock(timeProvider);
        }

        lock (SystemClockLock)
        {
            return s_systemClock ??= new CacheClock(timeProvider) { IsShared = true };
        }
    }

    /// <summary>Converts a duration to timestamp ticks, saturating far below overflow.</summary>
    public long ToTicks(TimeSpan duration)
    {
        double ticks = duration.Ticks * ((double)TimeProvider.TimestampFrequency / TimeSpan.TicksPerSecond);
        return ticks <= 0 ? 0 : ticks >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)ticks;
    }

    /// <summary>Converts a timestamp to a wall-clock time.</summary>
    public DateTimeOffset ToDateTime(long timestamp, long now, DateTimeOffset utcNow) =>
        utcNow - TimeProvider.GetElapsedTime(timestamp, now);

    public void Dispose()
    {
        if (!IsShared)
        {
            _timer.Dispose();
        }
    }

    private void Tick() => Volatile.Write(ref _coarseNow, TimeProvider.GetTimestamp());
}
