using SecretsAbstractions.HashiCorpVault.Tests.Server;

namespace SecretsAbstractions.HashiCorpVault.Tests.Kv;

/// <summary>Bulk gets run single reads in parallel, never more than MaxConcurrency at a time.</summary>
public sealed class BulkReadTests
{
    [Fact]
    public async Task BulkGetIsBoundedByMaxConcurrency()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await VaultStoreFactory.StartServerAsync();
        await using var _ = server;
        using var seed = VaultStoreFactory.Create(server, o => o.Auth.Token = VaultTestServer.RootToken);
        for (int i = 0; i < 12; i++)
        {
            await seed.SetSecretAsync($"bulk/{i}", $"v{i}", cancellationToken: ct);
        }

        var counter = new ConcurrencyCounter(new SocketsHttpHandler());
        using var store = VaultStoreFactory.Create(server, o => { o.KvVersion = VaultKvVersion.V2; o.Auth.Token = VaultTestServer.RootToken; o.MaxConcurrency = 3; }, handler: counter);

        var results = await store.GetSecretsAsync([.. Enumerable.Range(0, 12).Select(i => new SecretRequest($"bulk/{i}")), "bulk/missing"], ct);

        Assert.Equal(13, results.Count);
        Assert.All(results.Take(12), (r, i) => Assert.Equal($"v{i}", r.Secret!.Value.RevealString()));
        Assert.False(results[12].IsFound);
        Assert.InRange(counter.MaxInFlight, 1, 3);
    }

    private sealed class ConcurrencyCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _inFlight;
        private int _max;

        public int MaxInFlight => Volatile.Read(ref _max);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
