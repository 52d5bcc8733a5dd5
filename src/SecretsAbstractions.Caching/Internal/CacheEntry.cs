namespace SecretsAbstractions.Caching.Internal;

/// <summary>The cache's state for one key: the last result, the backend call in flight (single-flight), the last
/// failure, and when it was last read (for LRU eviction).</summary>
internal sealed class CacheEntry(CacheKey key)
{
    private readonly Lock _gate = new();
    private CachedResult? _result;
    private Failure? _failure;
    private Task<LoadOutcome>? _load;

    public CacheKey Key { get; } = key;

    public CachedResult? Result => Volatile.Read(ref _result);

    /// <summary>The last failure, when the last backend call failed.</summary>
    public Failure? LastFailure => Volatile.Read(ref _failure);

    /// <summary>While a stale value is served after a failure, no backend call before this time.</summary>
    public long RetryAt => Volatile.Read(ref _failure)?.RetryAt ?? 0;

    public Task<LoadOutcome>? CurrentLoad => Volatile.Read(ref _load);

    public bool IsLoading => CurrentLoad is not null;

    /// <summary>The coarse time of the last read; written at most once per clock tick, so concurrent readers of
    /// one entry do not fight over its cache line.</summary>
    public long LastAccess { get; private set; }

    public void Touch(long coarseNow)
    {
        if (LastAccess != coarseNow)
        {
            LastAccess = coarseNow;
        }
    }

    /// <summary>Returns the backend call in flight, or the new <paramref name="flight"/> when none is.</summary>
    public Task<LoadOutcome> JoinOrStart(TaskCompletionSource<LoadOutcome> flight, out bool started)
    {
        lock (_gate)
        {
            if (_load is { } running)
            {
                started = false;
                return running;
            }

            _load = flight.Task;
            started = true;
            return flight.Task;
        }
    }

    public void EndLoad()
    {
        lock (_gate)
        {
            _load = null;
        }
    }

    public void Succeed(CachedResult? result)
    {
        lock (_gate)
        {
            _result = result;
            _failure = null;
        }
    }

    public void Fail(Failure failure, bool dropResult)
    {
        lock (_gate)
        {
            _failure = failure;
            if (dropResult)
            {
                _result = null;
            }
        }
    }

    /// <summary>A failed backend call: its code, when it happened, and when the backend may be tried again.</summary>
    internal sealed record Failure(SecretStoreErrorCode ErrorCode, long FailedAt, long RetryAt);
}
