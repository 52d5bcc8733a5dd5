using System.Threading.RateLimiting;

namespace SecretsAbstractions.Resilience.Tests.Support;

/// <summary>A rate limiter with a fixed number of permits that only the test refills, so quotas are deterministic;
/// refusals carry a one-second retry-after hint, as a token bucket's do.</summary>
internal sealed class CountingRateLimiter(int permits) : RateLimiter
{
    public static readonly TimeSpan Hint = TimeSpan.FromSeconds(1);

    private int _permits = permits;

    public override TimeSpan? IdleDuration => null;

    public void Refill(int count) => Interlocked.Add(ref _permits, count);

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = Volatile.Read(ref _permits) };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Take(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<RateLimitLease>(Take(permitCount));
    }

    private Lease Take(int permitCount)
    {
        while (true)
        {
            int available = Volatile.Read(ref _permits);
            if (available < permitCount)
            {
                return new Lease(acquired: false);
            }

            if (Interlocked.CompareExchange(ref _permits, available - permitCount, available) == available)
            {
                return new Lease(acquired: true);
            }
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? Hint : null;
            return metadata is not null;
        }
    }
}
