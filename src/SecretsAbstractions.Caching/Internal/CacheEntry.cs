namespace SecretsAbstractions.Caching.Internal;

/// <summary>The cache's state for one key: the last result, the backend call in flight (single-flight), the last
/// failure, and when it was last read (for LRU eviction).</summary>
internal sealed class CacheEntry(CacheKey key)
{
    private readonly Lock _gate = new();
    private CachedResult? _result;
    private Failure? _failure;
    private Task<LoadOutcome>? _load;
    private LoadOutcome? _lastOutcome;
    private long _completedLoads;
    private int _detached;

    public CacheKey Key { get; } = key;

    public CachedResult? Result => Volatile.Read(ref _result);

    /// <summary>The last failure, when the last backend call failed.</summary>
    public Failure? LastFailure => Volatile.Read(ref _failure);

    /// <summary>While a stale value is served after a failure, no backend call before this time.</summary>
    public long RetryAt => Volatile.Read(ref _failure)?.RetryAt ?? 0;

    public Task<LoadOutcome>? CurrentLoad => Volatile.Read(ref _load);

    public bool IsLoading => CurrentLoad is not null;

    /// <summary>Whether the entry was removed from its table (invalidated or evicted); a call in flight may still end on it.</summary>
    public bool IsDetached => Volatile.Read(ref _detached) != 0;

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

    /// <summary>How many backend calls for this entry have ended. A reader reads it before the result, so that it can
    /// tell, when it comes to start a call, whether one ended in between.</summary>
    public long CompletedLoads => Volatile.Read(ref _completedLoads);

    /// <summary>Returns the backend call in flight; else, when a call ended after the reader saw
    /// <paramref name="seenLoads"/>, that call's outcome (so a reader that just missed a call does not make another);
    /// else the new <paramref name="flight"/>.</summary>
    public Task<LoadOutcome> JoinOrStart(TaskCompletionSource<LoadOutcome> flight, long seenLoads, out bool started)
    {
        lock (_gate)
        {
            started = false;
            if (_load is { } running)
            {
                return running;
            }

            if (_completedLoads != seenLoads && _lastOutcome is { } last)
            {
                return Task.FromResult(last);
            }

            _load = flight.Task;
            started = true;
            return flight.Task;
        }
    }

    public void EndLoad(LoadOutcome outcome)
    {
        lock (_gate)
        {
            _load = null;
            _lastOutcome = outcome;
            _completedLoads++;
        }
    }

    public void Detach() => Volatile.Write(ref _detached, 1);

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
