using System.Threading.Channels;

namespace SecretsAbstractions.Tests.Model;

/// <summary>
/// A store whose reads wait until the test opens their gate, so a test can see how many reads are in
/// flight at once and finish them in any order, without sleeping.
/// </summary>
internal sealed class GatedSecretStore : ISecretStore
{
    private readonly Channel<GatedRead> _started = Channel.CreateUnbounded<GatedRead>();
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    /// <summary>The reads, in the order they started.</summary>
    public ChannelReader<GatedRead> Started => _started.Reader;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        int inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            var read = new GatedRead(name);
            _started.Writer.TryWrite(read);
            return await read.Result.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    private static void InterlockedMax(ref int location, int value)
    {
        int current = Volatile.Read(ref location);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>One read waiting at its gate.</summary>
internal sealed class GatedRead(string name)
{
    private readonly TaskCompletionSource<Secret?> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public Task<Secret?> Result => _gate.Task;

    public void Succeed() => _gate.SetResult(new Secret(new SecretProperties(Name), SecretValue.FromString("value of " + Name)));

    public void Fail(SecretStoreException error) => _gate.SetException(error);
}
