namespace SecretsAbstractions.Testing;

/// <summary>
/// What a <see cref="ChaosSecretStore"/> injects. The defaults inject nothing: set a latency, a rate or a
/// schedule to disturb calls. The store reads these options on every call, so a test may change them while
/// the store is in use (for example set <see cref="FailureRate"/> to 1 to take the backend down and back to 0
/// to bring it back); values must stay within the documented ranges.
/// </summary>
/// <remarks>
/// For each disturbed call, in order: the latency is awaited through the store's <see cref="TimeProvider"/>; then
/// the call fails if the <see cref="FailureSchedule"/> says so, or (once the schedule is exhausted) if a random
/// draw falls under <see cref="ThrottleRate"/> (a <see cref="SecretStoreErrorCode.Throttled"/> failure) or
/// <see cref="FailureRate"/> (a <see cref="FailureCode"/> failure); otherwise the call goes to the inner store.
/// </remarks>
public sealed class ChaosSecretStoreOptions
{
    /// <summary>The operations disturbed; <see cref="ChaosOperations.All"/> by default.</summary>
    public ChaosOperations Operations { get; set; } = ChaosOperations.All;

    /// <summary>The delay added before every disturbed call; <see cref="TimeSpan.Zero"/> by default. Not negative.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>The most random extra delay added to <see cref="Latency"/> (uniform between zero and this);
    /// <see cref="TimeSpan.Zero"/> by default. Not negative.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>The chance, from 0 to 1, that a disturbed call fails with <see cref="FailureCode"/>; 0 by default.</summary>
    public double FailureRate { get; set; }

    /// <summary>The error code of failures drawn by <see cref="FailureRate"/>;
    /// <see cref="SecretStoreErrorCode.Unavailable"/> by default.</summary>
    public SecretStoreErrorCode FailureCode { get; set; } = SecretStoreErrorCode.Unavailable;

    /// <summary>The chance, from 0 to 1, that a disturbed call fails with <see cref="SecretStoreErrorCode.Throttled"/>
    /// and <see cref="RetryAfter"/>; 0 by default. Drawn before <see cref="FailureRate"/>.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>The <see cref="SecretStoreException.RetryAfter"/> of every injected
    /// <see cref="SecretStoreErrorCode.Throttled"/> failure; one second by default; <see langword="null"/> for none.
    /// Not negative.</summary>
    public TimeSpan? RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A deterministic outcome for the first disturbed calls, in order: the n-th disturbed call (counted
    /// across all disturbed operations) fails with the n-th code, or goes through when it is <see langword="null"/>.
    /// Calls after the end of the schedule follow the rates. Empty by default.</summary>
    public IList<SecretStoreErrorCode?> FailureSchedule { get; } = [];

    /// <summary>The seed of the random draws (rates and jitter), for a reproducible run;
    /// <see langword="null"/> (the default) seeds from the system.</summary>
    public int? Seed { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero, nameof(Latency));
        ArgumentOutOfRangeException.ThrowIfLessThan(LatencyJitter, TimeSpan.Zero, nameof(LatencyJitter));
        ValidateRate(FailureRate, nameof(FailureRate));
        ValidateRate(ThrottleRate, nameof(ThrottleRate));
        if (RetryAfter is { } retryAfter)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero, nameof(RetryAfter));
        }
    }

    private static void ValidateRate(double rate, string name)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate is between 0 and 1.");
        }
    }
}
