namespace SecretsAbstractions.Tests.Model;

public class SecretBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Results_follow_the_order_of_the_requests_whatever_order_reads_finish_in()
    {
        var store = new GatedSecretStore();
        var requests = Names(6);
        var batch = SecretBatch.GetInParallelAsync(store, requests, maxConcurrency: 6, Ct).AsTask();

        var reads = new List<GatedRead>();
        for (int i = 0; i < requests.Length; i++)
        {
            reads.Add(await NextStartedReadAsync(store, batch));
        }

        reads.Reverse();
        reads.ForEach(read => read.Succeed());
        var results = await batch;

        Assert.Equal(requests, results.Select(result => result.Request));
        Assert.All(results, result => Assert.Equal("value of " + result.Request.Name, result.Secret?.Value.RevealString()));
    }

    [Fact]
    public async Task At_most_maxConcurrency_reads_are_in_flight()
    {
        const int maxConcurrency = 3;
        var store = new GatedSecretStore();
        var requests = Names(10);
        var batch = SecretBatch.GetInParallelAsync(store, requests, maxConcurrency, Ct).AsTask();

        var pending = new List<GatedRead>();
        for (int finished = 0; finished < requests.Length; finished++)
        {
            while (pending.Count < Math.Min(maxConcurrency, requests.Length - finished))
            {
                pending.Add(await NextStartedReadAsync(store, batch));
            }

            // A read just finished may not have left yet; none beyond the bound may have started.
            Assert.InRange(store.InFlight, pending.Count, maxConcurrency);

            // Finish the newest read first, so completions come out of order.
            pending[^1].Succeed();
            pending.RemoveAt(pending.Count - 1);
        }

        var results = await batch;
        Assert.Equal(maxConcurrency, store.MaxInFlight);
        Assert.Equal(requests.Length, store.Calls);
        Assert.All(results, result => Assert.True(result.IsFound));
    }

    [Fact]
    public async Task Each_result_reports_its_own_outcome()
    {
        var store = new InMemorySecretStore();
        await store.SetSecretAsync("a", "value a", cancellationToken: Ct);
        await store.SetSecretAsync("c", "value c", cancellationToken: Ct);
        SecretRequest[] requests =
        [
            "a",
            "missing",
            "bad//name",
            "c",
            new SecretRequest("a", SecretVersion.FromId("99")),
            new SecretRequest("a", SecretVersion.FromStage("AWSPREVIOUS")),
        ];

        var results = await ((ISecretStore)store).GetSecretsAsync(requests, Ct);

        Assert.Equal(requests, results.Select(result => result.Request));
        Assert.Equal("value a", results[0].Secret?.Value.RevealString());
        Assert.Equal((false, null), (results[1].IsFound, results[1].Error));
        Assert.Equal(SecretStoreErrorCode.InvalidName, results[2].Error?.ErrorCode);
        Assert.Equal("value c", results[3].Secret?.Value.RevealString());
        Assert.Equal((false, null), (results[4].IsFound, results[4].Error));
        Assert.Equal(SecretStoreErrorCode.NotSupported, results[5].Error?.ErrorCode);
    }

    [Fact]
    public async Task A_failure_reported_by_one_read_does_not_stop_the_others()
    {
        var store = new GatedSecretStore();
        var batch = SecretBatch.GetInParallelAsync(store, Names(3), maxConcurrency: 3, Ct).AsTask();
        var reads = new[] { await NextStartedReadAsync(store, batch), await NextStartedReadAsync(store, batch), await NextStartedReadAsync(store, batch) };

        var denied = new SecretStoreException(SecretStoreErrorCode.AccessDenied, "Denied.");
        foreach (var read in reads)
        {
            if (read.Name == "s1")
            {
                read.Fail(denied);
            }
            else
            {
                read.Succeed();
            }
        }

        var results = await batch;
        Assert.Same(denied, results[1].Error);
        Assert.True(results[0].IsFound);
        Assert.True(results[2].IsFound);
    }

    [Fact]
    public async Task Exceptions_other_than_SecretStoreException_are_thrown()
    {
        var bug = new InvalidOperationException("a bug");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await SecretBatch.GetInParallelAsync(new ThrowingStore(bug), Names(2), maxConcurrency: 2, Ct));

        Assert.Same(bug, thrown);
    }

    [Fact]
    public async Task Cancellation_while_reads_are_in_flight_is_thrown_and_starts_no_more_reads()
    {
        var store = new GatedSecretStore();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var batch = SecretBatch.GetInParallelAsync(store, Names(10), maxConcurrency: 2, cancellation.Token).AsTask();
        await NextStartedReadAsync(store, batch);
        await NextStartedReadAsync(store, batch);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch);
        Assert.Equal(2, store.Calls);
        Assert.Equal(0, store.InFlight);
    }

    [Fact]
    public async Task A_cancelled_token_starts_no_read()
    {
        var store = new GatedSecretStore();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await SecretBatch.GetInParallelAsync(store, Names(3), maxConcurrency: 2, cancellation.Token));
        Assert.Equal(0, store.Calls);
    }

    [Fact]
    public async Task No_requests_give_no_results() =>
        Assert.Empty(await SecretBatch.GetInParallelAsync(new GatedSecretStore(), [], maxConcurrency: 1, Ct));

    [Fact]
    public async Task Arguments_are_checked()
    {
        var store = new GatedSecretStore();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await SecretBatch.GetInParallelAsync(null!, Names(1), 1, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await SecretBatch.GetInParallelAsync(store, null!, 1, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await SecretBatch.GetInParallelAsync(store, Names(1), 0, Ct));
    }

    private static SecretRequest[] Names(int count) => [.. Enumerable.Range(0, count).Select(i => new SecretRequest($"s{i}"))];

    // Waits for the next read to start; fails instead of hanging when the batch ends first.
    private static async Task<GatedRead> NextStartedReadAsync(GatedSecretStore store, Task batch)
    {
        var next = store.Started.ReadAsync(Ct).AsTask();
        if (await Task.WhenAny(next, batch) != next)
        {
            await batch;
            Assert.Fail("The batch ended before the expected read started.");
        }

        return await next;
    }

    private sealed class ThrowingStore(Exception error) : ISecretStore
    {
        public ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<Secret?>(error);

        public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
