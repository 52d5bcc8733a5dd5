using SecretsAbstractions.Caching.Internal;

namespace SecretsAbstractions.Caching.Tests;

/// <summary>The single-flight handshake of one entry, step by step: the races a stampede only hits by chance.</summary>
public sealed class CacheEntryTests
{
    private static readonly CacheKey Key = new(new StoreIdentity(new SecretStoreMetadata("Test")), "app/key", SecretVersion.Latest);

    [Fact]
    public void A_second_reader_joins_the_call_in_flight()
    {
        var entry = new CacheEntry(Key);
        long seen = entry.CompletedLoads;

        var first = entry.JoinOrStart(NewFlight(), seen, out bool firstStarted);
        var second = entry.JoinOrStart(NewFlight(), seen, out bool secondStarted);

        Assert.True(firstStarted);
        Assert.False(secondStarted);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_reader_that_saw_the_old_result_before_a_call_ended_gets_that_call_s_outcome_instead_of_a_new_call()
    {
        var entry = new CacheEntry(Key);
        long seenByLateReader = entry.CompletedLoads;
        var flight = NewFlight();
        _ = entry.JoinOrStart(flight, entry.CompletedLoads, out _);
        var outcome = LoadOutcome.Loaded(null);
        entry.EndLoad(outcome);
        flight.SetResult(outcome);

        var late = entry.JoinOrStart(NewFlight(), seenByLateReader, out bool started);

        Assert.False(started);
        Assert.Same(outcome, await late);
        _ = entry.JoinOrStart(NewFlight(), entry.CompletedLoads, out bool nextStarted);
        Assert.True(nextStarted);
    }

    private static TaskCompletionSource<LoadOutcome> NewFlight() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
