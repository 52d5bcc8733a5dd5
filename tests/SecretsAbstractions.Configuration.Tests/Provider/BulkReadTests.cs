namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class BulkReadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public async Task At_most_MaxConcurrency_reads_are_in_flight_and_each_call_asks_for_one_secret_on_a_store_without_a_batch_api(int maxConcurrency)
    {
        using var h = new ProviderHarness();
        for (int i = 0; i < 100; i++)
        {
            h.Set($"k{i:D3}", $"v{i}");
        }

        var gauge = new ConcurrencyGauge(h.Recording, batch: false, target: maxConcurrency, total: 100);
        var build = Task.Run(() => h.Build(o => o.MaxConcurrency = maxConcurrency, gauge));
        var root = await build;

        Assert.Equal("v99", root["k099"]);
        Assert.Equal(maxConcurrency, gauge.MaxInFlight);
        Assert.All(gauge.CallSizes, size => Assert.Equal(1, size));
        Assert.Equal(100, gauge.CallSizes.Count);
    }

    [Fact]
    public async Task A_store_with_a_batch_api_gets_BatchSize_secrets_per_call()
    {
        using var h = new ProviderHarness();
        for (int i = 0; i < 95; i++)
        {
            h.Set($"k{i:D3}", $"v{i}");
        }

        var gauge = new ConcurrencyGauge(h.Recording, batch: true, total: 5);
        var root = await Task.Run(() => h.Build(o => o.BatchSize = 20, gauge));

        Assert.Equal("v94", root["k094"]);
        Assert.Equal([15, 20, 20, 20, 20], gauge.CallSizes.Order());
    }

    [Fact]
    public void A_secret_that_vanished_between_the_listing_and_the_read_is_simply_absent()
    {
        using var h = new ProviderHarness();
        h.Set("stays", "1");
        h.Set("vanishes", "2");
        var store = new VanishingStore(h.Recording, h.Memory, "vanishes");

        var root = h.Build(store: store);

        Assert.Equal("1", root["stays"]);
        Assert.Null(root["vanishes"]);
        Assert.Equal(1, h.Provider.Status.SecretCount);
    }

    /// <summary>Records how many secrets each bulk call asked for and how many calls were in flight at once. With a
    /// <c>target</c>, it holds calls until <c>target</c> of them are in flight (or the last ones have started), so the
    /// maximum is reached deterministically, never by luck of scheduling.</summary>
    private sealed class ConcurrencyGauge(ISecretStore inner, bool batch, int target = int.MaxValue, int total = int.MaxValue) : DelegatingSecretStore(inner)
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _started;

        public int MaxInFlight { get; private set; }

        public List<int> CallSizes { get; } = [];

        public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        {
            Task wait;
            lock (_lock)
            {
                CallSizes.Add(requests.Count);
                _inFlight++;
                _started++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
                wait = _gate.Task;
                if (_inFlight >= target || _started >= total)
                {
                    _gate.SetResult();
                    _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            await wait.WaitAsync(cancellationToken);
            var results = await base.GetSecretsAsync(requests, cancellationToken);
            lock (_lock)
            {
                _inFlight--;
            }

            return results;
        }

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(SecretStoreMetadata) && batch
                ? new SecretStoreMetadata("Gauge", "mem", capabilities: SecretStoreCapabilities.Batch)
                : base.GetService(serviceType, serviceKey);
    }

    private sealed class VanishingStore(ISecretStore inner, InMemorySecretStore memory, string name) : DelegatingSecretStore(inner)
    {
        public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        {
            await memory.DeleteSecretAsync(name, cancellationToken);
            return await base.GetSecretsAsync(requests, cancellationToken);
        }
    }
}
