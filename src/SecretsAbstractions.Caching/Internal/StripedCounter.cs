using System.Numerics;
using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Caching.Internal;

/// <summary>
/// A counter for a hot path: one slot per processor (up to 64), 128 bytes apart, so that threads on different cores
/// increment different cache lines and never contend; the sum is read only when statistics or metrics are collected.
/// </summary>
internal sealed class StripedCounter
{
    // 16 longs: 128 bytes, two cache lines, so the adjacent-line prefetcher does not pair two slots either.
    private const int Spacing = 16;
    private readonly long[] _slots;
    private readonly int _mask;

    public StripedCounter()
    {
        int stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _mask = stripes - 1;

        // Slot i is at (i + 1) * Spacing: the first is one spacing away from the array's header (its length).
        _slots = new long[(stripes + 1) * Spacing];
    }

    /// <summary>Adds one to the current processor's slot with a plain read-modify-write: no <c>lock</c> prefix (an atomic
    /// increment doubled the cost of a cached hit). Only one thread runs on a processor at a time, so an increment is
    /// lost only if its thread is preempted, or moves to another processor before its cached processor id is refreshed,
    /// in the nanosecond between the read and the write while another thread increments the same slot: a metric may
    /// rarely under-count under heavy concurrency, never over-count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment() => _slots[((Thread.GetCurrentProcessorId() & _mask) + 1) * Spacing]++;

    public long Sum
    {
        get
        {
            long sum = 0;
            for (int i = Spacing; i < _slots.Length; i += Spacing)
            {
                sum += Interlocked.Read(ref _slots[i]);
            }

            return sum;
        }
    }
}
