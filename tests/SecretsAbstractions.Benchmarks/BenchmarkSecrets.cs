using System.Runtime.CompilerServices;

namespace SecretsAbstractions.Benchmarks;

/// <summary>The secret every benchmark reads, and backends for misses.</summary>
internal static class BenchmarkSecrets
{
    public const string Name = "app/database/connection-string";

    public static Secret Create(string name = Name) =>
        new(new SecretProperties(name) { Version = "1" }, SecretValue.FromString("Server=db;Password=benchmark"));
}

/// <summary>A backend that answers every read after <see cref="Latency"/> of real time and counts its calls.</summary>
internal sealed class SlowBackend(TimeSpan latency) : ISecretStore
{
    private long _calls;

    public TimeSpan Latency { get; } = latency;

    public long Calls => Interlocked.Read(ref _calls);

    public async ValueTask<Secret?> GetSecretAsync(string name, SecretVersion version = default, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken).ConfigureAwait(false);
        }

        return BenchmarkSecrets.Create(name);
    }

    public async IAsyncEnumerable<SecretProperties> ListSecretsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
