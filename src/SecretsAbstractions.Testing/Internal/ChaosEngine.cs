namespace SecretsAbstractions.Testing.Internal;

/// <summary>Decides and applies the disturbance of each call for a <see cref="ChaosSecretStore"/> and its writer.</summary>
internal sealed class ChaosEngine
{
    private readonly ChaosSecretStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string> _storeName;
    private readonly Lock _randomLock = new();
    private readonly Random _random;
    private long _disturbedCalls;
    private long _injectedFailures;

    public ChaosEngine(ChaosSecretStoreOptions options, TimeProvider timeProvider, Func<string> storeName)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _storeName = storeName;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    public long DisturbedCalls => Interlocked.Read(ref _disturbedCalls);

    public long InjectedFailures => Interlocked.Read(ref _injectedFailures);

    public async ValueTask BeforeCallAsync(ChaosOperations operation, string operationName, string? secretName, CancellationToken cancellationToken)
    {
        if ((_options.Operations & operation) == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        _options.Validate();
        long index = Interlocked.Increment(ref _disturbedCalls) - 1;
        var delay = _options.Latency + Jitter();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (Outcome(index) is { } errorCode)
        {
            Interlocked.Increment(ref _injectedFailures);
            throw new SecretStoreException(errorCode, $"Chaos: injected {errorCode} failure.")
            {
                StoreName = _storeName(),
                Operation = operationName,
                SecretName = secretName,
                RetryAfter = errorCode == SecretStoreErrorCode.Throttled ? _options.RetryAfter : null,
            };
        }
    }

    private SecretStoreErrorCode? Outcome(long index)
    {
        var schedule = _options.FailureSchedule;
        if (index < schedule.Count)
        {
            return schedule[(int)index];
        }

        if (Draw(_options.ThrottleRate))
        {
            return SecretStoreErrorCode.Throttled;
        }

        return Draw(_options.FailureRate) ? _options.FailureCode : null;
    }

    private bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_randomLock)
        {
            return _random.NextDouble() < rate;
        }
    }

    private TimeSpan Jitter()
    {
        var jitter = _options.LatencyJitter;
        if (jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        lock (_randomLock)
        {
            return TimeSpan.FromTicks(_random.NextInt64(jitter.Ticks + 1));
        }
    }
}
