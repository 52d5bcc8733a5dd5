using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace SecretsAbstractions.Configuration.Tests.Provider;

public sealed class SynchronizationContextTests
{
    [Fact(Timeout = 60_000)] // a guard only: a deadlock would otherwise hang the run
    public async Task The_synchronous_first_load_does_not_deadlock_under_a_single_threaded_synchronization_context()
    {
        using var h = new ProviderHarness();
        for (int i = 0; i < 50; i++)
        {
            h.Set($"k{i}", $"v{i}");
        }

        var store = new YieldingStore(h.Recording);
        var context = new SingleThreadedContext();
        var done = new TaskCompletionSource<IConfigurationRoot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            // The thread blocks in Build() and pumps nothing: any continuation posted to its context would never run.
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                done.SetResult(h.Build(o => o.MaxConcurrency = 4, store));
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        });
        thread.Start();

        var root = await done.Task;
        thread.Join();

        Assert.Equal("v49", root["k49"]);
        Assert.Equal(0, context.Posted);
        Assert.True(store.Yields > 50);
    }

    /// <summary>A context whose posted work waits in a queue that is never pumped.</summary>
    private sealed class SingleThreadedContext : SynchronizationContext
    {
        private readonly ConcurrentQueue<(SendOrPostCallback, object?)> _queue = new();

        public int Posted => _queue.Count;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would deadlock.");
    }

    /// <summary>Yields before every call, so each continuation is scheduled, on the captured context if there is one.</summary>
    private sealed class YieldingStore(ISecretStore inner) : DelegatingSecretStore(inner)
    {
        private int _yields;

        public int Yields => _yields;

        public override async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _yields);
            await Task.Yield();
            return await base.GetSecretAsync(name, version, cancellationToken);
        }

        public override async ValueTask<IReadOnlyList<SecretResult>> GetSecretsAsync(IReadOnlyList<SecretRequest> requests, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _yields);
            await Task.Yield();
            return await SecretBatch.GetInParallelAsync(this, requests, 4, cancellationToken);
        }

        public override async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _yields);
            await Task.Yield();
            await foreach (var properties in base.ListSecretsAsync(prefix, cancellationToken))
            {
                yield return properties;
            }
        }
    }
}
